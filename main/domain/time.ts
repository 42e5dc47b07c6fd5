/**
 * Times as main writes them, one form per medium (the window's is
 * renderer/format.ts, from the OS locale):
 *
 *   files and JSON  ISO 8601 with the local offset: 2026-12-07T20:15:00+01:00
 *                   (the instant is exact, and a reader sees the desk's own clock)
 *   terminal text   the local time with its offset: 2026-12-07 20:15 +01:00
 *
 * "Local" is the process's time zone (TZ, else the system's). Main keeps and
 * sends instants as UTC ISO strings (AuditEvent.at, expiresAt…): these are
 * only for what a person or another program reads. Plain Date arithmetic, no
 * Intl: loading ICU's formats costs a CLI call ~10 ms.
 */

/** A time main holds: epoch milliseconds, a Date, or an ISO 8601 string. */
export type Instant = number | string | Date;

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(at: Instant): Date | null {
  const date = at instanceof Date ? at : new Date(typeof at === 'string' ? Date.parse(at) : at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "+01:00", "-03:30", "+00:00": the local offset from UTC at that instant (summer time included). */
function offsetOf(date: Date): string {
  const east = -date.getTimezoneOffset();
  const minutes = Math.abs(east);
  return `${east < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 2026-12-07T20:15:00+01:00, for CSV and JSON. Text that is not a time is returned as it is. */
export function isoWithOffset(at: Instant): string {
  const date = dateOf(at);
  if (date === null) return String(at);
  return `${localDate(date)}T${localClock(date)}:${pad(date.getSeconds())}${offsetOf(date)}`;
}

/** 2026-12-07 20:15 +01:00, for the CLI's text. Text that is not a time is returned as it is. */
export function localTimeText(at: Instant): string {
  const date = dateOf(at);
  if (date === null) return String(at);
  return `${localDate(date)} ${localClock(date)} ${offsetOf(date)}`;
}

/** 2026-12-07: the local day, for a file's name. */
export function localDay(at: Instant): string {
  const date = dateOf(at);
  return date === null ? String(at) : localDate(date);
}

/** A UTC timestamp as main's records carry it (what `isoWithOffset` rewrites in JSON output). */
export const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/**
 * JSON.stringify's replacer for machine output: every UTC timestamp of the
 * records becomes the same instant with the local offset. A whole-string
 * match, so no other text changes.
 */
export function withLocalOffsets(_key: string, value: unknown): unknown {
  return typeof value === 'string' && UTC_TIMESTAMP.test(value) ? isoWithOffset(value) : value;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day typed as YYYY-MM-DD, in the local time zone: its first and
 * last millisecond. null when it is not a real day (2026-02-30).
 */
export function localDayBounds(text: string): { start: number; end: number } | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, day);
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== day) return null;
  return { start: start.getTime(), end: new Date(year, month, day + 1).getTime() - 1 };
}
