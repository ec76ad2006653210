import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title.ts';

/** A real not-found page, with a way back. */
export function NotFound({ what = '页面' }: { what?: string }) {
  useDocumentTitle('未找到');
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="not-found__title">
        找不到这个{what}
      </h1>
      <p>链接可能有误，或者内容已被移除。</p>
      <Link className="button" to="/">
        返回首页
      </Link>
    </section>
  );
}
