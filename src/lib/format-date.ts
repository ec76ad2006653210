/** The parts of a Chinese news date; `timeZone` undefined is the reader's own. */
export function createDateFormat(timeZone?: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('zh-CN', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

const absoluteFormat = createDateFormat();

/** `2022年3月26日 19:26`, in the reader's time zone. */
export function formatAbsolute(iso: string, format: Intl.DateTimeFormat = absoluteFormat): string {
  const parts = format.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`;
}

let siteFormat: Intl.DateTimeFormat | undefined;

/**
 * `2022年3月26日 19:26` in the site's own time zone (China's): what a prerendered page shows
 * until the app takes over and speaks in the reader's zone and relative terms.
 */
export function formatSiteDate(iso: string): string {
  siteFormat ??= createDateFormat('Asia/Shanghai');
  return formatAbsolute(iso, siteFormat);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Recent dates read relative (`3小时前`), older ones absolute. */
export function formatNewsDate(iso: string, now: number = Date.now()): string {
  const age = now - new Date(iso).getTime();
  if (age >= 0 && age < MINUTE) return '刚刚';
  if (age >= 0 && age < HOUR) return `${Math.floor(age / MINUTE)}分钟前`;
  if (age >= 0 && age < DAY) return `${Math.floor(age / HOUR)}小时前`;
  return formatAbsolute(iso);
}
