import { caseDayStart } from '../agencyTimeZones';
import { addDays } from '../calendar';
import { policyById } from '../policyVersions';
import { SYSTEM_ACTOR } from '../roles';
import type { ProbationCommand } from './commands';
import type { ProbationState } from './state';

/** The next timer a case waits for, anchored on dates in its state (never on "now"). */
export type ProbationTimer =
  | { kind: 'certification-reminder'; daysBeforeEnd: number; dueAt: string }
  | { kind: 'end-of-period'; dueAt: string }
  | { kind: 'removal-effective'; dueAt: string };

/**
 * Pure: every timer the case still waits for, soonest first (empty when only people can move the case).
 * Every timer fires at the start of a day of the agency that employs the probationer now
 * (after a transfer to another zone, that zone's midnight; 00:00 UTC for a case that counts UTC days):
 * - on probation: each policy reminder not yet sent, at the start of endDate - N days, then the
 *   end of the period at the start of the day after endDate;
 * - certified: the end of the period;
 * - removal proposed: the removal's effective date (reminders and the end wait; the
 *   effective date is never after the end date);
 * - certification overdue, completed, removed: nothing.
 */
export const probationTimersAhead = (state: ProbationState, daysIn?: 'UTC'): ProbationTimer[] => {
  if (state.endDate === null || state.policyVersion === null) return [];
  const dayStart = (date: string) => caseDayStart(date, state.agency, daysIn);
  const endOfPeriod: ProbationTimer = { kind: 'end-of-period', dueAt: dayStart(addDays(state.endDate, 1)) };
  switch (state.status) {
    case 'ON_PROBATION': {
      const reminders: ProbationTimer[] = policyById(state.policyVersion)
        .probation.reminderDaysBeforeEnd.filter((days) => !state.remindersSent.some((r) => r.daysBeforeEnd === days))
        .map((daysBeforeEnd) => ({ kind: 'certification-reminder', daysBeforeEnd, dueAt: dayStart(addDays(state.endDate!, -daysBeforeEnd)) }));
      return [...reminders, endOfPeriod].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    }
    case 'CERTIFIED':
      return [endOfPeriod];
    case 'REMOVAL_PROPOSED':
      return [{ kind: 'removal-effective', dueAt: dayStart(state.removal!.effectiveDate) }];
    default:
      return [];
  }
};

/** Pure: what the workflow waits for next (the soonest timer ahead), or null when only people can move the case. */
export const nextProbationTimer = (state: ProbationState, daysIn?: 'UTC'): ProbationTimer | null => probationTimersAhead(state, daysIn)[0] ?? null;

/** The system command a timer executes when it fires at `at`. */
export const timerCommand = (timer: ProbationTimer, at: string): ProbationCommand => {
  switch (timer.kind) {
    case 'certification-reminder':
      return { type: 'SendCertificationReminder', at, actor: SYSTEM_ACTOR, daysBeforeEnd: timer.daysBeforeEnd };
    case 'end-of-period':
      return { type: 'ReachProbationEnd', at, actor: SYSTEM_ACTOR };
    case 'removal-effective':
      return { type: 'EffectRemoval', at, actor: SYSTEM_ACTOR };
  }
};

/** A stable id for the timer, for the events' causationId. */
export const timerId = (timer: ProbationTimer): string =>
  timer.kind === 'certification-reminder' ? `timer-reminder-${timer.daysBeforeEnd}` : `timer-${timer.kind}`;
