/** Calendar arithmetic on ISO dates and instants without reading a clock: date arithmetic, and the dates and day starts of a time zone. */

const DAY_MS = 86_400_000;

export const IsoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar date (YYYY-MM-DD) in UTC of an ISO instant or date. A rule's day is the agency's (localDateOf,
 * agencyDateOf); UTC days are for date arithmetic and for cases started before agency days (commandDateOf).
 */
export const dateOf = (isoInstantOrDate: string): string => new Date(isoInstantOrDate).toISOString().slice(0, 10);

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${dateOf(isoDate)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${dateOf(to)}T00:00:00Z`) - Date.parse(`${dateOf(from)}T00:00:00Z`)) / DAY_MS);

export const daysToMs = (days: number): number => days * DAY_MS;

/** The same day of the month `months` later, clamped to the month's end (e.g. Aug 31 + 6 months = Feb 28/29). */
export const addMonths = (isoDate: string, months: number): string => {
  const [y, m, d] = dateOf(isoDate).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
};

export const addYears = (isoDate: string, years: number): string => addMonths(isoDate, years * 12);

/*
 * Agency days (SES-RULES: "days are the agency's days"). A date rule counts calendar days in
 * the IANA time zone of the agency that owns the case; Intl carries the zone rules, so daylight
 * saving needs no table of ours. Plain dates (YYYY-MM-DD) are already agency dates and pass through.
 */

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  let found = cache.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', { timeZone, ...options });
    cache.set(timeZone, found);
  }
  return found;
};

/** True when `timeZone` is an IANA zone this runtime knows, e.g. "America/Chicago". */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatter(dateFormatters, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
    return true;
  } catch {
    return false;
  }
};

/** The calendar date (YYYY-MM-DD) in `timeZone` of an ISO instant; a plain date is returned as it is. */
export const localDateOf = (isoInstantOrDate: string, timeZone: string): string => {
  if (IsoDate.test(isoInstantOrDate)) return isoInstantOrDate;
  return formatter(dateFormatters, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(isoInstantOrDate));
};

/** Milliseconds the wall clock in `timeZone` is ahead of UTC at instant `ms` (negative west of Greenwich). */
const offsetAt = (ms: number, timeZone: string): number => {
  const parts = formatter(wallClockFormatters, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - Math.floor(ms / 1000) * 1000;
};

/**
 * The instant (ISO, UTC) the calendar day `isoDate` begins in `timeZone`: where a date-anchored
 * timer fires. Where a zone skips midnight (a daylight-saving change at 00:00), the first instant of the day.
 */
export const startOfLocalDay = (isoDate: string, timeZone: string): string => {
  const midnightUtc = Date.parse(`${dateOf(isoDate)}T00:00:00Z`);
  let candidate = midnightUtc - offsetAt(midnightUtc, timeZone);
  candidate = midnightUtc - offsetAt(candidate, timeZone);
  // A skipped midnight lands the candidate on the day before: step forward to the day's first hour.
  while (localDateOf(new Date(candidate).toISOString(), timeZone) < dateOf(isoDate)) candidate += 3_600_000;
  return new Date(candidate).toISOString();
};
