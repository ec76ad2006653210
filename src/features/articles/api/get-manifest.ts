import { queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths, type Manifest } from '../../../lib/content-contract.ts';
import { DataError, fetchJson, NotFoundError } from '../../../lib/fetch-json.ts';
import { parseManifest } from '../../../lib/validate-data.ts';

export async function getManifest(signal?: AbortSignal): Promise<Manifest> {
  try {
    return parseManifest(await fetchJson(dataUrl(dataPaths.manifest()), signal));
  } catch (error) {
    // Without its manifest the data set is broken, not absent: say so, and offer a retry.
    if (error instanceof NotFoundError)
      throw new DataError('找不到数据目录（manifest.json），请稍后重试或重新构建数据。');
    throw error;
  }
}

export const manifestQueryOptions = () =>
  queryOptions({
    queryKey: ['manifest'],
    queryFn: ({ signal }) => getManifest(signal),
    staleTime: 60_000,
  });

export function useManifest() {
  return useQuery(manifestQueryOptions());
}
