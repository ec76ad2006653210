import { queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths, type Manifest } from '../../../lib/content-contract.ts';
import { fetchJson } from '../../../lib/fetch-json.ts';
import { parseManifest } from '../../../lib/validate-data.ts';

export async function getManifest(signal?: AbortSignal): Promise<Manifest> {
  return parseManifest(await fetchJson(dataUrl(dataPaths.manifest()), signal));
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
