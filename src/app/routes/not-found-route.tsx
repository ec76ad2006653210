import { NotFound } from '../../components/not-found.tsx';

export function NotFoundRoute() {
  return <NotFound />;
}
