import { NavLink } from 'react-router';
import { routes } from '../../../config/paths.ts';
import type { Manifest } from '../../../lib/content-contract.ts';
import { useReading } from '../../reading/api/get-reading.ts';

/**
 * A list's count: its size, then, once what the browser remembers is read, how many are unread.
 * As wide as the size from the start (digits are tabular), so the change moves nothing.
 */
function Count({ count, unread }: { count: number; unread: number | undefined }) {
  return (
    <span className={`category-nav__count w${String(count).length}`}>
      {unread ?? count}
      {unread !== undefined && <span className="visually-hidden">篇未读</span>}
    </span>
  );
}

/**
 * Every category with its count (unread, once the browser's memory is read); the current one is
 * marked for eyes and screen readers.
 */
export function CategoryNav({ manifest }: { manifest: Manifest | undefined }) {
  const reading = useReading();
  return (
    <nav className="category-nav" aria-label="分类">
      <ul className="category-nav__list">
        <li>
          <NavLink end className="category-nav__link" to={routes.home()}>
            全部{manifest && <Count count={manifest.total} unread={reading?.unread(manifest.total)} />}
          </NavLink>
        </li>
        {manifest?.categories.map((category) => (
          <li key={category.slug}>
            <NavLink className="category-nav__link" to={routes.category(category.name)}>
              <span className="category-nav__name">{category.name}</span>
              <Count count={category.count} unread={reading?.unread(category.count, category.name)} />
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
