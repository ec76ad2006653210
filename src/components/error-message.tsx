interface ErrorMessageProps {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed request: what went wrong in plain words, and a retry that works. */
export function ErrorMessage({ title = '加载失败', error, onRetry, retrying = false }: ErrorMessageProps) {
  const message = error instanceof Error ? error.message : '发生未知错误。';
  return (
    <div className="error-message" role="alert">
      <h2 className="error-message__title">{title}</h2>
      <p className="error-message__text">{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? '正在重试…' : '重试'}
        </button>
      )}
    </div>
  );
}
