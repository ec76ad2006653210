import type { TextPart } from '../lib/make-snippet.ts';

/** Text with the query's words in `<mark>`: React text nodes only, never HTML. */
export function HighlightedText({ parts }: { parts: TextPart[] }) {
  return <>{parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}
