const numberFormat = new Intl.NumberFormat('en-US');

export const formatCount = (value: number): string => numberFormat.format(value);

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Local time with milliseconds, `2026-01-05 09:00:00.123`: sortable and precise. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(abs < 10_000 ? 2 : 1)} s`;
  if (abs < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (abs < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

const DAY_MS = 86_400_000;
const MONTH_MS = 30.44 * DAY_MS;
const YEAR_MS = 365.25 * DAY_MS;

/**
 * `3 min ago`, for a quick sense of activity next to the exact time (shown on hover); months and
 * years for old activity, which read better than `298 d ago`.
 */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const delta = now - time;
  if (delta < 0) return 'in the future';
  if (delta < 5_000) return 'just now';
  if (delta >= YEAR_MS) return `${Math.floor(delta / YEAR_MS)} y ago`;
  if (delta >= 45 * DAY_MS) return `${Math.floor(delta / MONTH_MS)} mo ago`;
  return `${formatDuration(delta).replace(/\.\d+/, '')} ago`;
}

/** A long id shortened for chips and lists; the full id stays in the title and the links. */
export function shortId(id: string, keep = 8): string {
  return id.length <= keep + 1 ? id : `${id.slice(0, keep)}…`;
}
