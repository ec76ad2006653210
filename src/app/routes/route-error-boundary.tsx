import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NotFound } from '../../components/not-found.tsx';

/** A route's boundary: a 404 is a not-found page; anything else says what broke and offers a reload. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <ErrorMessage
      title="页面出错了"
      error={error instanceof Error ? error : new Error('这个页面暂时无法显示。')}
      onRetry={() => window.location.reload()}
    />
  );
}
