import { addDays, addYears, daysBetween } from '../calendar';
import type { AppointmentType, PlanElement, PrbMember, PriorFinalRating } from './commands';
import type { MandatoryRemovalBasis } from './events';
import type { AppraisalPolicy } from './policy';

/** A rule a plan or a panel breaks: its rule id, the field at fault and why. */
export interface RuleBreach {
  rule: string;
  field: string;
  message: string;
}

/** Summary levels in words (430.305(a)(6)). */
export const RATING_LEVEL_NAMES = {
  5: 'outstanding',
  4: 'exceeds fully successful',
  3: 'fully successful',
  2: 'minimally satisfactory',
  1: 'unsatisfactory',
} as const;

export const levelName = (level: number): string => `Level ${level} (${RATING_LEVEL_NAMES[level as keyof typeof RATING_LEVEL_NAMES]})`;

/**
 * A performance plan's critical elements as the policy sets them: each of the policy's elements exactly once, no
 * other, each at least its minimum weight, the weights summing to 100. Null when the plan holds.
 */
export const planBreach = (elements: readonly PlanElement[], policy: AppraisalPolicy): RuleBreach | null => {
  const known = policy.criticalElements.map((e) => e.id);
  for (const [i, e] of elements.entries()) {
    if (!known.includes(e.element)) {
      return {
        rule: 'appraisal.plan.unknown-element',
        field: `elements.${i}.element`,
        message: `"${e.element}" is not a critical element of this period's policy; the elements are ${known.join(', ')}`,
      };
    }
    if (elements.findIndex((other) => other.element === e.element) !== i) {
      return { rule: 'appraisal.plan.duplicate-element', field: `elements.${i}.element`, message: `"${e.element}" appears more than once` };
    }
  }
  const missing = policy.criticalElements.find((rule) => !elements.some((e) => e.element === rule.id));
  if (missing) {
    return {
      rule: 'appraisal.plan.missing-element',
      field: 'elements',
      message: `the plan must carry the critical element "${missing.title}" (${missing.id})`,
    };
  }
  for (const [i, e] of elements.entries()) {
    const rule = policy.criticalElements.find((r) => r.id === e.element)!;
    if (e.weight < rule.minWeight) {
      return {
        rule: 'appraisal.plan.element-minimum-weight',
        field: `elements.${i}.weight`,
        message: `"${rule.title}" carries at least ${rule.minWeight}% of the weight under this period's policy, not ${e.weight}%`,
      };
    }
  }
  const total = elements.reduce((sum, e) => sum + e.weight, 0);
  if (total !== 100) return { rule: 'appraisal.plan.weights-sum', field: 'elements', message: `the critical elements' weights sum to ${total}%, not 100%` };
  return null;
};

/** The rated executive and the people the panel must not hold for this rating. */
export interface RatedExecutive {
  executiveId: string;
  appointmentType: AppointmentType;
  /** The supervisor who gave the initial rating. */
  supervisorId: string;
  /** The people the executive supervises. */
  supervisorOf: readonly string[];
}

/**
 * A PRB panel's composition for one rating (4314(c); 430.310): at least the policy's members, each once; more than
 * half career members when it reviews a career appointee; no member reviewing their own rating (the executive, or the
 * supervisor who gave it, or whoever supervises the executive) or their supervisor's (the executive supervises them).
 */
export const prbBreach = (members: readonly PrbMember[], rated: RatedExecutive, policy: AppraisalPolicy): RuleBreach | null => {
  for (const [i, m] of members.entries()) {
    if (members.findIndex((other) => other.id === m.id) !== i) {
      return { rule: 'appraisal.prb.duplicate-member', field: `members.${i}.id`, message: `${m.id} is named more than once` };
    }
  }
  if (members.length < policy.prbMinMembers) {
    return {
      rule: 'appraisal.prb.size',
      field: 'members',
      message: `a PRB has at least ${policy.prbMinMembers} members (5 U.S.C. 4314(c)(1)), not ${members.length}`,
    };
  }
  const career = members.filter((m) => m.career).length;
  if (policy.prbCareerMajority && rated.appointmentType === 'career' && career * 2 <= members.length) {
    return {
      rule: 'appraisal.prb.career-majority',
      field: 'members',
      message: `more than half of a PRB reviewing a career appointee are career members (5 U.S.C. 4314(c)(1)); ${career} of ${members.length} are`,
    };
  }
  for (const [i, m] of members.entries()) {
    const conflict =
      m.id === rated.executiveId
        ? `${m.id} is the executive rated: no member reviews their own rating`
        : m.id === rated.supervisorId || m.supervisorOf.includes(rated.executiveId)
          ? `${m.id} supervises the executive and rated them: no member reviews their own rating`
          : rated.supervisorOf.includes(m.id)
            ? `${m.id} is supervised by the executive rated: no member reviews their supervisor's rating`
            : null;
    if (conflict) return { rule: 'appraisal.prb.conflicted-member', field: `members.${i}.id`, message: conflict };
  }
  return null;
};

/** Days under the plan from the day the appraisal began through the period's last day, both counted. */
export const daysUnderPlan = (appraisedFrom: string, periodEnd: string): number => daysBetween(appraisedFrom, periodEnd) + 1;

/** The period's last day once the minimum is met: unchanged when it already is, else the minimum's last day (430.308(e)). */
export const periodEndMeetingMinimum = (appraisedFrom: string, periodEnd: string, minimumPeriodDays: number): string =>
  daysUnderPlan(appraisedFrom, periodEnd) >= minimumPeriodDays ? periodEnd : addDays(appraisedFrom, minimumPeriodDays - 1);

/** The last day of the transition freeze: a new administration's first day is day 1 of its 120 (4314(b)(1)(C)). */
export const freezeUntil = (beganOn: string, policy: AppraisalPolicy): string => addDays(beganOn, policy.transitionFreezeDays - 1);

/**
 * Whether removal from the SES is mandatory after this final rating (5 U.S.C. 4314(b)(3)-(4); 359.501(d)): two
 * unsatisfactory final ratings within five consecutive years, or two below fully successful (Levels 1-2) within
 * three. Ratings are placed by their period's last day; a window of N years holds the periods ending after the day
 * N years before this period's end (five fiscal years: FY2022 through FY2026).
 */
export const mandatoryRemoval = (
  current: PriorFinalRating,
  prior: readonly PriorFinalRating[],
): { basis: MandatoryRemovalBasis; countedRatings: PriorFinalRating[] } | null => {
  const within = (years: number, maxLevel: number) =>
    [current, ...prior.filter((r) => r.periodEnd < current.periodEnd && r.periodEnd > addYears(current.periodEnd, -years))].filter((r) => r.level <= maxLevel);
  if (current.level === 1) {
    const unsatisfactory = within(5, 1);
    if (unsatisfactory.length >= 2) return { basis: 'two-unsatisfactory-in-five-years', countedRatings: unsatisfactory };
  }
  if (current.level <= 2) {
    const below = within(3, 2);
    if (below.length >= 2) return { basis: 'two-below-fully-successful-in-three-years', countedRatings: below };
  }
  return null;
};
