import { NavLink } from 'react-router';
import { routes } from '../../../config/paths.ts';
import type { Manifest } from '../../../lib/content-contract.ts';

/** Every category with its count; the current one is marked for eyes and screen readers. */
export function CategoryNav({ manifest }: { manifest: Manifest | undefined }) {
  return (
    <nav className="category-nav" aria-label="分类">
      <ul className="category-nav__list">
        <li>
          <NavLink end className="category-nav__link" to={routes.home()}>
            全部{manifest && <span className="category-nav__count">{manifest.total}</span>}
          </NavLink>
        </li>
        {manifest?.categories.map((category) => (
          <li key={category.slug}>
            <NavLink className="category-nav__link" to={routes.category(category.name)}>
              <span className="category-nav__name">{category.name}</span>
              <span className="category-nav__count">{category.count}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
