import { Link } from 'react-router';
import { routes } from '../../../config/paths.ts';

/** An article's tags as links to their lists (`#港口`); `limit` shows only the first few. */
export function TagLinks({ names, className, limit }: { names: string[]; className: string; limit?: number }) {
  if (names.length === 0) return null;
  const shown = limit === undefined ? names : names.slice(0, limit);
  return (
    <ul className={className} aria-label="标签">
      {shown.map((name) => (
        <li key={name}>
          <Link className="hashtag" to={routes.tag(name)}>
            <span aria-hidden="true">#</span>
            {name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
