import { Link } from 'react-router';

interface PagerProps {
  page: number;
  pages: number;
  /** The URL of a page number. */
  hrefFor: (page: number) => string;
}

/** The page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  sorted.forEach((n, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && n - previous > 1) out.push('gap');
    out.push(n);
  });
  return out;
}

/** Numbered pages in the URL (`?page=3`), so a reload or Back returns to the same place. */
export function Pager({ page, pages, hrefFor }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? (
        <Link className="pager__link" to={hrefFor(page - 1)} rel="prev">
          上一页
        </Link>
      ) : (
        <span className="pager__link pager__link--disabled" aria-hidden="true">
          上一页
        </span>
      )}
      <ol className="pager__pages">
        {pageWindow(page, pages).map((item, index) =>
          item === 'gap' ? (
            <li key={`gap-${index}`} className="pager__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                className="pager__link"
                to={hrefFor(item)}
                aria-current={item === page ? 'page' : undefined}
                aria-label={`第 ${item} 页`}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ol>
      {page < pages ? (
        <Link className="pager__link" to={hrefFor(page + 1)} rel="next">
          下一页
        </Link>
      ) : (
        <span className="pager__link pager__link--disabled" aria-hidden="true">
          下一页
        </span>
      )}
    </nav>
  );
}
