import { addDays, addMonths, daysBetween } from '../calendar';
import type { RotationPolicy } from '../policyVersions';
import type { RotationParticipant } from './commands';

/** The day the rotation ends: start + rotationMonths + the extension months (calendar months, clamped). */
export const rotationEndDate = (startDate: string, policy: RotationPolicy, extensionMonths: number): string =>
  addMonths(startDate, policy.rotationMonths + extensionMonths);

/** The mid-point of a period: half its days after the start, rounded down. */
export const midpointOf = (startDate: string, endDate: string): string => addDays(startDate, Math.floor(daysBetween(startDate, endDate) / 2));

/** The summary levels of the participant's rating pattern: five unless the start says otherwise. */
export const ratingLevelsOf = (participant: RotationParticipant): 2 | 3 | 4 | 5 => (participant.ratingLevels ?? 5) as 2 | 3 | 4 | 5;

export interface EligibilityFailure {
  check: 'grade' | 'full-time-service' | 'last-rating' | 'career-tenure';
  field: string;
  message: string;
}

/** Every eligibility check of the pilot (SES-RULES §3) the participant fails; empty when eligible. */
export const eligibilityFailures = (participant: RotationParticipant, policy: RotationPolicy): EligibilityFailure[] => {
  const failures: EligibilityFailure[] = [];
  if (!policy.eligibleGrades.includes(participant.grade)) {
    failures.push({
      check: 'grade',
      field: 'participant.grade',
      message: `grade ${participant.grade} is not one of the pilot's ${policy.eligibleGrades.join(', ')}`,
    });
  }
  if (participant.monthsFullTimeService < policy.minMonthsFullTimeService) {
    failures.push({
      check: 'full-time-service',
      field: 'participant.monthsFullTimeService',
      message: `${participant.monthsFullTimeService} months of full-time service, fewer than ${policy.minMonthsFullTimeService}`,
    });
  }
  const levels = ratingLevelsOf(participant);
  const minLevel = policy.minLastRatingLevel[levels];
  if (minLevel === null) {
    failures.push({
      check: 'last-rating',
      field: 'participant.ratingLevels',
      message: `a rating on a ${levels}-level pattern never shows performance above fully successful`,
    });
  } else if (participant.lastRatingLevel < minLevel) {
    failures.push({
      check: 'last-rating',
      field: 'participant.lastRatingLevel',
      message: `last rating level ${participant.lastRatingLevel} of ${levels}, below ${minLevel} of ${levels}`,
    });
  }
  if (policy.requireCareerTenure && !participant.careerTenure) {
    failures.push({ check: 'career-tenure', field: 'participant.careerTenure', message: 'no career or career-conditional tenure' });
  }
  return failures;
};
