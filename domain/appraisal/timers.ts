import { agencyDayStart } from '../agencyTimeZones';
import { addDays, daysBetween } from '../calendar';
import { policyById } from '../policyVersions';
import { SYSTEM_ACTOR } from '../roles';
import type { AppraisalCommand } from './commands';
import type { AppraisalState } from './state';

/** A timer an appraisal waits for; each fires at the start of the agency's day (domain/agencyTimeZones.ts). */
export type AppraisalTimer =
  | { kind: 'plan-reminder'; overdue: boolean; dueAt: string }
  | { kind: 'progress-review-reminder'; dueAt: string }
  | { kind: 'period-end'; dueAt: string }
  | { kind: 'response-window-close'; dueAt: string }
  | { kind: 'removal-effective'; dueAt: string };

const soonestFirst = (a: { dueAt: string }, b: { dueAt: string }) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0);

/** The day a progress review is due by: the policy's share of the time under the plan (the midpoint by default). */
export const progressReviewDueOn = (state: AppraisalState): string => {
  const { appraisedFrom, end } = state.period!;
  return addDays(appraisedFrom, Math.floor(daysBetween(appraisedFrom, end) * policyById(state.policyVersion!).appraisal.progressReviewDueShare));
};

/**
 * Pure: every timer the case still waits for, soonest first.
 * - plan draft: a reminder planReminderDaysBefore days before the appraisal begins, then the day after it began (overdue);
 * - in period: a reminder at the progress review's due day while none is held, then the day after the period's last day
 *   (the period ends, or is extended to the 90-day minimum and the timer moves);
 * - initial rating issued: the day after the response window's last day;
 * - removal noticed: its effective date.
 */
export const appraisalTimersAhead = (state: AppraisalState): AppraisalTimer[] => {
  if (state.period === null || state.policyVersion === null) return [];
  const day = (date: string) => agencyDayStart(date, state.agency);
  const { appraisedFrom, end } = state.period;
  switch (state.status) {
    case 'PLAN_DRAFT': {
      const before = policyById(state.policyVersion).appraisal.planReminderDaysBefore;
      const reminders: AppraisalTimer[] = [
        { kind: 'plan-reminder', overdue: false, dueAt: day(addDays(appraisedFrom, -before)) },
        { kind: 'plan-reminder', overdue: true, dueAt: day(addDays(appraisedFrom, 1)) },
      ];
      return reminders.filter((r) => !state.planReminders.some((sent) => r.kind === 'plan-reminder' && sent.overdue === r.overdue));
    }
    case 'IN_PERIOD': {
      const periodEnd: AppraisalTimer = { kind: 'period-end', dueAt: day(addDays(end, 1)) };
      const remind = state.progressReviews.length === 0 && state.progressReviewReminders.length === 0;
      return remind ? [{ kind: 'progress-review-reminder' as const, dueAt: day(progressReviewDueOn(state)) }, periodEnd].sort(soonestFirst) : [periodEnd];
    }
    case 'INITIAL_RATING_ISSUED':
      return [{ kind: 'response-window-close', dueAt: day(addDays(state.initialRating!.responseDueOn, 1)) }];
    case 'REMOVAL_NOTICED':
      return [{ kind: 'removal-effective', dueAt: day(state.consequences.removalNotice!.effectiveDate) }];
    default:
      return [];
  }
};

/** Pure: the soonest timer ahead, or null when only people can move the case. */
export const nextAppraisalTimer = (state: AppraisalState): AppraisalTimer | null => appraisalTimersAhead(state)[0] ?? null;

/** The system command a timer executes when it fires at `at`. */
export const appraisalTimerCommand = (timer: AppraisalTimer, at: string): AppraisalCommand => {
  const actor = SYSTEM_ACTOR;
  switch (timer.kind) {
    case 'plan-reminder':
      return { type: 'RemindOfPlan', at, actor };
    case 'progress-review-reminder':
      return { type: 'RemindOfProgressReview', at, actor };
    case 'period-end':
      return { type: 'ReachPeriodEnd', at, actor };
    case 'response-window-close':
      return { type: 'CloseResponseWindow', at, actor };
    case 'removal-effective':
      return { type: 'EffectRemoval', at, actor };
  }
};

/** A stable id for the timer, for the events' causationId. */
export const appraisalTimerId = (timer: AppraisalTimer): string =>
  timer.kind === 'plan-reminder' ? `timer-plan-${timer.overdue ? 'overdue' : 'reminder'}` : `timer-${timer.kind}`;
