import { agencyDayStart } from '../agencyTimeZones';
import { SYSTEM_ACTOR } from '../roles';
import type { ReassignmentCommand } from './commands';
import type { ReassignmentState } from './state';

/** The one timer a reassignment waits for: its effective date, at the start of the agency's day. */
export type ReassignmentTimer = { kind: 'effective-date'; effectiveDate: string; dueAt: string };

/** Pure: the effective date while a notice runs (re-checked against the moratorium when it fires); otherwise people move the case. */
export const nextReassignmentTimer = (state: ReassignmentState): ReassignmentTimer | null =>
  state.status === 'NOTICE_ISSUED'
    ? { kind: 'effective-date', effectiveDate: state.effectiveDate!, dueAt: agencyDayStart(state.effectiveDate!, state.agency) }
    : null;

/** The system command the timer executes when it fires at `at`. */
export const reassignmentTimerCommand = (_timer: ReassignmentTimer, at: string): ReassignmentCommand => ({
  type: 'EffectReassignment',
  at,
  actor: SYSTEM_ACTOR,
});

/** A stable id for the timer, for the events' causationId: a rescheduled date is another timer. */
export const reassignmentTimerId = (timer: ReassignmentTimer): string => `timer-effective-${timer.effectiveDate}`;
