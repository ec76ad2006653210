import { useId, useLayoutEffect, useRef } from 'react';

export const SHORTCUTS: [string, string][] = [
  ['/', '搜索文章'],
  ['j', '下一篇文章'],
  ['k', '上一篇文章'],
  ['s', '收藏或取消收藏（当前文章，或选中的卡片）'],
  ['← →', '查看图片时：上一张 / 下一张'],
  ['Esc', '关闭图片或对话框'],
  ['?', '显示这份快捷键列表'],
];

/**
 * The list of keyboard shortcuts, as a native modal dialog: the browser makes the page behind it
 * inert, closes it on Esc and gives focus back where it was. Loaded when first asked for.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // Shown in the commit that mounts it, closed (focus given back) before it is removed.
  useLayoutEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop lands on the dialog itself; its content fills it.
      onClick={(event) => event.target === event.currentTarget && onClose()}
      onKeyDown={(event) => {
        if (event.key === '?') {
          event.preventDefault();
          onClose();
        } else if (event.key === 'Tab') {
          event.preventDefault(); // one focusable control: focus stays on it
        }
      }}
    >
      <div className="modal__content">
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
        <button type="button" className="button" autoFocus onClick={onClose}>
          知道了
        </button>
      </div>
    </dialog>
  );
}
