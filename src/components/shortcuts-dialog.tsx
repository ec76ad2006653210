import { useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useModalFocus } from '../lib/use-modal-focus.ts';

export const SHORTCUTS: [string, string][] = [
  ['/', '搜索文章'],
  ['j', '下一篇文章'],
  ['k', '上一篇文章'],
  ['← →', '查看图片时：上一张 / 下一张'],
  ['Esc', '关闭图片或对话框'],
  ['?', '显示这份快捷键列表'],
];

/** The list of keyboard shortcuts, as a small modal dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalFocus(closeRef, { restore: true });
  return createPortal(
    <div className="modal-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            onClose();
          } else if (event.key === 'Tab') {
            event.preventDefault(); // one focusable control: focus stays on it
          }
        }}
      >
        <h2 id={titleId} className="modal__title">
          键盘快捷键
        </h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([key, action]) => (
            <div key={key} className="shortcuts__row">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{action}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          知道了
        </button>
      </div>
    </div>,
    document.body,
  );
}
