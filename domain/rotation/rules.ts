import { addDays, addMonths, daysBetween } from '../calendar';
import type { RotationPolicy } from '../policyVersions';
import type { RotationParticipant } from './commands';

/** The day the rotation ends: start + rotationMonths + the extension months (calendar months, clamped). */
export const rotationEndDate = (startDate: string, policy: RotationPolicy, extensionMonths: number): string =>
  addMonths(startDate, policy.rotationMonths + extensionMonths);

/** The mid-point of a period: half its days after the start, rounded down. */
export const midpointOf = (startDate: string, endDate: string): string => addDays(startDate, Math.floor(daysBetween(startDate, endDate) / 2));

export interface EligibilityFailure {
  check: 'grade' | 'full-time-service' | 'last-rating' | 'career-tenure';
  field: string;
  message: string;
}

/** Every eligibility check of the pilot (SES-RULES §3) the participant fails; empty when eligible. */
export const eligibilityFailures = (participant: RotationParticipant, policy: RotationPolicy): EligibilityFailure[] => {
  const failures: EligibilityFailure[] = [];
  if (participant.grade !== policy.eligibleGrade) {
    failures.push({ check: 'grade', field: 'participant.grade', message: `grade ${participant.grade} is not the pilot's ${policy.eligibleGrade}` });
  }
  if (participant.monthsFullTimeService < policy.minMonthsFullTimeService) {
    failures.push({
      check: 'full-time-service',
      field: 'participant.monthsFullTimeService',
      message: `${participant.monthsFullTimeService} months of full-time service, fewer than ${policy.minMonthsFullTimeService}`,
    });
  }
  if (participant.lastRatingLevel < policy.minLastRatingLevel) {
    failures.push({
      check: 'last-rating',
      field: 'participant.lastRatingLevel',
      message: `last rating level ${participant.lastRatingLevel}, below ${policy.minLastRatingLevel}`,
    });
  }
  if (policy.requireCareerTenure && !participant.careerTenure) {
    failures.push({ check: 'career-tenure', field: 'participant.careerTenure', message: 'no career or career-conditional tenure' });
  }
  return failures;
};
