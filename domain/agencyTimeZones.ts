import { dateOf, isTimeZone, localDateOf, startOfLocalDay } from './calendar';

/**
 * Policy data: the IANA time zone each agency counts its days in (SES-RULES: "days are the
 * agency's days"). Departments keep Washington's clock; the listed field agencies keep their
 * headquarters'. An agency not listed counts in DEFAULT_AGENCY_TIME_ZONE. A change here moves the
 * days of running cases, so it ships like a rule change.
 */
export const DEFAULT_AGENCY_TIME_ZONE = 'America/New_York';

export const AGENCY_TIME_ZONES: Readonly<Record<string, string>> = {
  // Bonneville Power Administration, Portland OR.
  BPA: 'America/Los_Angeles',
  // Western Area Power Administration, Lakewood CO.
  WAPA: 'America/Denver',
  // Southwestern Power Administration, Tulsa OK.
  SWPA: 'America/Chicago',
  // Denali Commission, Anchorage AK.
  DENALI: 'America/Anchorage',
  // East-West Center liaison, Honolulu HI: a zone without daylight saving.
  EWC: 'Pacific/Honolulu',
};

for (const [agency, zone] of Object.entries(AGENCY_TIME_ZONES)) {
  if (!isTimeZone(zone)) throw new Error(`agency ${agency}: unknown time zone ${zone}`);
}

/** The time zone an agency counts its days in; null or unknown agencies count in Washington's. */
export const timeZoneOf = (agency: string | null | undefined): string => (agency ? AGENCY_TIME_ZONES[agency] : undefined) ?? DEFAULT_AGENCY_TIME_ZONE;

/** The agency's calendar date of an instant (a plain date passes through). */
export const agencyDateOf = (isoInstantOrDate: string, agency: string | null | undefined): string => localDateOf(isoInstantOrDate, timeZoneOf(agency));

/** The instant the agency's calendar day begins: where its date-anchored timers fire. */
export const agencyDayStart = (isoDate: string, agency: string | null | undefined): string => startOfLocalDay(isoDate, timeZoneOf(agency));

/**
 * The day a command is decided on: the agency's date of its instant. A case started before days
 * were the agency's counted UTC days, and the workflow marks its commands `daysIn: 'UTC'` so that it
 * goes on deciding as it ran (workflows/processWorkflow.ts, DAYS_ARE_AGENCY_DAYS).
 */
export const commandDateOf = (command: { at: string; daysIn?: 'UTC' }, agency: string | null | undefined): string =>
  command.daysIn === 'UTC' ? dateOf(command.at) : agencyDateOf(command.at, agency);

/**
 * A command of a case started before days were the agency's (marked daysIn 'UTC' by the workflow): such a case also
 * keeps the rules it ran under where this release corrected them, so that its history replays and it ends as it began.
 */
export const startedBeforeAgencyDays = (command: { at: string; daysIn?: 'UTC' }): boolean => command.daysIn === 'UTC';

/** Where a case's date-anchored timer fires: the start of the agency's day, or 00:00 UTC for a case that counts UTC days (commandDateOf). */
export const caseDayStart = (isoDate: string, agency: string | null | undefined, daysIn?: 'UTC'): string =>
  daysIn === 'UTC' ? startOfLocalDay(isoDate, 'UTC') : agencyDayStart(isoDate, agency);
