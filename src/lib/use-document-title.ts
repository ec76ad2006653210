import { useEffect } from 'react';
import { SITE_NAME } from '../config/paths.ts';

export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
