import { addDays, addYears } from '../calendar';
import type { ProbationPolicy } from '../policyVersions';
import type { PriorTenure, RemovalGround } from './commands';
import type { PlacementRight } from './events';

/**
 * The last day of the probationary period (SES-RULES §4, 317.503): one calendar year
 * (the policy's length) from the appointment's effective date, so the day before the
 * anniversary; nonpay days beyond the counted ones extend it day for day.
 */
export const probationEndDate = (appointmentEffectiveDate: string, policy: ProbationPolicy, nonpayDays: number): string =>
  addDays(addYears(appointmentEffectiveDate, policy.lengthYears), -1 + nonpayExtensionDays(policy, nonpayDays));

export const nonpayExtensionDays = (policy: ProbationPolicy, nonpayDays: number): number => Math.max(0, nonpayDays - policy.nonpayDaysCounted);

/**
 * Placement outside the SES (5 U.S.C. 3594; 5 CFR 359.701): only a removal for
 * performance of someone who entered the SES with career or career-conditional tenure;
 * misconduct and pre-appointment conditions give none.
 */
export const placementRightFor = (ground: RemovalGround, priorTenure: PriorTenure): PlacementRight =>
  ground === 'performance' && priorTenure !== 'none' ? 'gs-15-or-above' : 'none';
