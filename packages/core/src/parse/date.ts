// Date condition values: the W3C profile of ISO 8601 that AWS accepts, or epoch seconds.

/** Longest run of digits accepted as epoch seconds (keeps the result an exact integer in ms). */
const MAX_EPOCH_DIGITS = 12;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const EPOCH_SECONDS = /^\d+$/;
const MS_PER_MINUTE = 60_000;

/**
 * Parse a Date* condition value to epoch milliseconds. Accepts epoch seconds (`1700000000`), a date
 * (`2024-01-31`, midnight UTC) and a date-time with `Z` or an offset, optional seconds and fraction
 * (`2024-01-31T12:00Z`, `2024-01-31T12:00:00.5+02:00`). Returns null for anything else, including
 * impossible calendar dates (`2023-02-29`) and a date-time without a zone.
 */
export function parseIamDate(text: string): number | null {
  if (EPOCH_SECONDS.test(text)) {
    return text.length <= MAX_EPOCH_DIGITS ? Number(text) * 1000 : null;
  }
  const d = DATE_ONLY.exec(text);
  if (d) return utcMillis(+d[1], +d[2], +d[3], 0, 0, 0, 0);
  const t = DATE_TIME.exec(text);
  if (!t) return null;
  const [, y, mo, day, h, mi, s = '0', frac = '', zone] = t;
  const ms = Number((frac + '00').slice(0, 3));
  const local = utcMillis(+y, +mo, +day, +h, +mi, +s, ms);
  if (local === null) return null;
  const offset = zoneOffsetMinutes(zone);
  return offset === null ? null : local - offset * MS_PER_MINUTE;
}

/** Offset of `Z` or `+hh:mm` / `-hh:mm` in minutes, or null when out of range. */
function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  const sign = zone[0] === '-' ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

/** Epoch ms of a validated UTC calendar instant, or null when a field is out of range. */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
