import { Link } from 'react-router';
import { routes } from '../../../config/paths.ts';

/** An article's categories as links to their lists. */
export function CategoryTags({ names, className }: { names: string[]; className: string }) {
  if (names.length === 0) return null;
  return (
    <ul className={className} aria-label="分类">
      {names.map((name) => (
        <li key={name}>
          <Link className="tag" to={routes.category(name)}>
            {name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
