import { useState } from 'react';
import { useHref } from 'react-router';

interface ShareButtonProps {
  /** The app path to share (`/article/x`, `/article/x/photo/2`), resolved under the base path. */
  to: string;
  title: string;
  className?: string;
}

/**
 * Shares a link to what the reader is looking at: the system's share sheet where the browser
 * has one (phones), else the link copied to the clipboard, said in a polite live region.
 */
export function ShareButton({ to, title, className }: ShareButtonProps) {
  const href = useHref(to);
  const [said, setSaid] = useState('');

  const share = async () => {
    const url = new URL(href, window.location.origin).href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // The reader closed the sheet: nothing to say. Any other failure falls back to copying.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setSaid('链接已复制');
    } catch {
      setSaid('无法复制，请从地址栏复制链接');
    }
  };

  return (
    <>
      <button type="button" className={className ?? 'button button--small'} onClick={() => void share()}>
        分享链接
      </button>
      <span className="share-status" role="status">
        {said}
      </span>
    </>
  );
}
