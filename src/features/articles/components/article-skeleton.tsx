/** The article's layout in grey while it loads. */
export function ArticleSkeleton() {
  return (
    <div className="article" aria-busy="true" aria-label="正在加载文章">
      <div className="article__header" aria-hidden="true">
        <div className="skeleton skeleton--tag" />
        <div className="skeleton skeleton--heading" />
        <div className="skeleton skeleton--line skeleton--short" />
      </div>
      <div className="article__layout" aria-hidden="true">
        <div className="article__body prose">
          {Array.from({ length: 8 }, (_, index) => (
            <div key={index} className="skeleton skeleton--line" />
          ))}
        </div>
      </div>
    </div>
  );
}
