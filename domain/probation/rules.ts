import { addDays, addYears } from '../calendar';
import type { ProbationPolicy } from '../policyVersions';
import type { NonpayKind, PriorTenure, RemovalGround } from './commands';
import type { PlacementRight } from './events';

/**
 * The anniversary `years` on of an appointment's effective date. 317.503 says only "1 year": for an
 * appointment on 29 February we take the anniversary in a common year to be 1 March, the day
 * 29 February would have been. So the period never runs shorter than a calendar year, and it ends
 * (the day before) on 28 February, as for an appointment on 1 March of the same leap year; it never
 * ends on 27 February with the appointment of the day before. E.g. 2028-02-29: anniversary
 * 2029-03-01, end date 2029-02-28; in a leap year (2032) the anniversary is 29 February itself.
 */
export const anniversaryOf = (appointmentEffectiveDate: string, years: number): string => {
  const anniversary = addYears(appointmentEffectiveDate, years);
  return appointmentEffectiveDate.endsWith('-02-29') && !anniversary.endsWith('-02-29') ? addDays(anniversary, 1) : anniversary;
};

/**
 * The last day of the probationary period (SES-RULES §4, 317.503): one calendar year (the policy's
 * length) from the appointment's effective date, so the day before the anniversary; other nonpay days
 * beyond the counted ones extend it day for day (military duty and compensable injury never do).
 */
export const probationEndDate = (appointmentEffectiveDate: string, policy: ProbationPolicy, otherNonpayDays: number): string =>
  addDays(anniversaryOf(appointmentEffectiveDate, policy.lengthYears), -1 + nonpayExtensionDays(policy, otherNonpayDays));

/** Days the period is extended by: other nonpay beyond the policy's counted days. */
export const nonpayExtensionDays = (policy: ProbationPolicy, otherNonpayDays: number): number => Math.max(0, otherNonpayDays - policy.nonpayDaysCounted);

/** Whether a nonpay kind extends the period (317.503: military duty and compensable injury count as service). */
export const nonpayExtends = (kind: NonpayKind): boolean => kind === 'other';

/**
 * Placement outside the SES (5 U.S.C. 3594; 5 CFR 359.701): only a removal for
 * performance of someone who entered the SES with career or career-conditional tenure;
 * misconduct and pre-appointment conditions give none.
 */
export const placementRightFor = (ground: RemovalGround, priorTenure: PriorTenure): PlacementRight =>
  ground === 'performance' && priorTenure !== 'none' ? 'gs-15-or-above' : 'none';
