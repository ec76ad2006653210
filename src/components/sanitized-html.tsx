import { useMemo } from 'react';
import { sanitizeArticleHtml } from '../lib/sanitize-html.ts';

interface SanitizedHtmlProps {
  html: string;
  className?: string;
  ref?: React.Ref<HTMLDivElement>;
}

/**
 * The only component that renders HTML from content. It sanitizes once per
 * distinct body (memoized), never on a re-render.
 */
export function SanitizedHtml({ html, className, ref }: SanitizedHtmlProps) {
  const safe = useMemo(() => ({ __html: sanitizeArticleHtml(html) }), [html]);
  return <div ref={ref} className={className} dangerouslySetInnerHTML={safe} />;
}
