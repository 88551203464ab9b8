/** Calendar arithmetic on ISO dates and instants, in UTC, without reading a clock. */

const DAY_MS = 86_400_000;

export const IsoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date (YYYY-MM-DD, UTC) of an ISO instant or date. */
export const dateOf = (isoInstantOrDate: string): string => new Date(isoInstantOrDate).toISOString().slice(0, 10);

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${dateOf(isoDate)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${dateOf(to)}T00:00:00Z`) - Date.parse(`${dateOf(from)}T00:00:00Z`)) / DAY_MS);

export const daysToMs = (days: number): number => days * DAY_MS;

/** The instant a calendar day begins, UTC: where date-anchored timers fire. */
export const startOfDay = (isoDate: string): string => `${isoDate}T00:00:00.000Z`;

/** The same day of the month `months` later, clamped to the month's end (e.g. Aug 31 + 6 months = Feb 28/29). */
export const addMonths = (isoDate: string, months: number): string => {
  const [y, m, d] = dateOf(isoDate).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
};

export const addYears = (isoDate: string, years: number): string => addMonths(isoDate, years * 12);
