/** The `?page=` of a list URL: a whole number from 1, or undefined when it is not one. */
export function parsePage(search: string | URLSearchParams): number | undefined {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const raw = params.get('page');
  if (raw === null) return 1;
  return /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : undefined;
}
