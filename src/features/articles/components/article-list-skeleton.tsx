/** Grey shapes in the cards' exact layout, so nothing moves when the list arrives. */
export function ArticleListSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div className="article-list" aria-busy="true" aria-label="正在加载文章列表">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="card card--skeleton" aria-hidden="true">
          <div className="card__body">
            <div className="skeleton skeleton--title" />
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line skeleton--short" />
          </div>
          <div className="card__cover skeleton" />
        </div>
      ))}
    </div>
  );
}
