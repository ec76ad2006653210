interface ResumeNoticeProps {
  onStart: () => void;
  onDismiss: () => void;
}

/**
 * Says, quietly, that the article opened where the reader left off: fixed at the foot of the
 * window (nothing in the page moves), with a way back to the start and a way to close it.
 */
export function ResumeNotice({ onStart, onDismiss }: ResumeNoticeProps) {
  return (
    <div className="resume-notice" role="status">
      <span>从上次位置继续</span>
      <button type="button" className="resume-notice__button" onClick={onStart}>
        回到开头
      </button>
      <button type="button" className="resume-notice__close" aria-label="关闭提示" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
