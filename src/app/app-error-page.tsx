import { isRouteErrorResponse, useRouteError } from 'react-router';

/** The last boundary: shown when even the layout cannot render. Needs nothing but React. */
export function AppErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : '未知错误';
  return (
    <main className="app-error" role="alert">
      <h1>页面无法显示</h1>
      <p>{message}</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          重新加载
        </button>{' '}
        <a className="button" href={import.meta.env.BASE_URL}>
          返回首页
        </a>
      </p>
    </main>
  );
}
