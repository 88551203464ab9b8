import { addDays } from './calendar';

/**
 * The 120-day rules after a leadership change (5 U.S.C. 3395(e), 3592(b); 5 CFR 359.406;
 * SES-RULES §6): no involuntary reassignment, and no removal, within `days` calendar days after a
 * new agency head or a new noncareer supervisor takes office. Days the executive spends on
 * detail or temporary assignment do not count, up to `maxDetailDaysNotCounted` (60 by 3395(e)(3)).
 *
 * Returns the last agency day of the block: the action may take effect the day after.
 */
export const moratoriumUntil = (triggerDate: string, days: number, detailDays = 0, maxDetailDaysNotCounted = 60): string =>
  addDays(triggerDate, days + Math.min(Math.max(0, detailDays), maxDetailDaysNotCounted));

/**
 * Whether a moratorium from `trigger` through `until` blocks an action noticed on `noticeDate` and
 * taking effect on `effectiveDate`: only one taking effect within it, and not one begun (noticed)
 * before the trigger (5 CFR 359.406: a pending removal begun before a leadership change goes ahead).
 */
export const moratoriumBlocks = (moratorium: { trigger: string; until: string }, action: { noticeDate: string; effectiveDate: string }): boolean =>
  action.noticeDate >= moratorium.trigger && moratorium.trigger <= action.effectiveDate && action.effectiveDate <= moratorium.until;
