import { SYSTEM_ACTOR } from '../roles';
import type { RotationCommand } from './commands';
import { caseDayStart } from '../agencyTimeZones';
import type { RotationState } from './state';

/** The next timer a case waits for, anchored on dates in its state (never on "now"). */
export type RotationTimer = { kind: 'midpoint-check-in-due'; dueAt: string } | { kind: 'end-of-rotation'; dueAt: string };

/**
 * Pure: what the workflow waits for next, or null when only people can move the case.
 * While the rotation runs: the mid-point check-in falls due at the start of the home
 * agency's midpoint date (unless already due or recorded), then the period ends at the
 * start of its end date (00:00 UTC for a case that counts UTC days). An extension moves both dates in the state, so the timers move.
 */
export const nextRotationTimer = (state: RotationState, daysIn?: 'UTC'): RotationTimer | null => {
  if (state.status !== 'ROTATION_ACTIVE' || state.endDate === null || state.midpointDate === null) return null;
  const dayStart = (date: string) => caseDayStart(date, state.participant!.homeAgency, daysIn);
  if (state.midpointDueAt === null && state.midpointCheckIn === null) return { kind: 'midpoint-check-in-due', dueAt: dayStart(state.midpointDate) };
  return { kind: 'end-of-rotation', dueAt: dayStart(state.endDate) };
};

/** The system command a timer executes when it fires at `at`. */
export const rotationTimerCommand = (timer: RotationTimer, at: string): RotationCommand =>
  timer.kind === 'midpoint-check-in-due' ? { type: 'MarkMidpointCheckInDue', at, actor: SYSTEM_ACTOR } : { type: 'EndRotationPeriod', at, actor: SYSTEM_ACTOR };

/** A stable id for the timer, for the events' causationId. */
export const rotationTimerId = (timer: RotationTimer): string => `timer-${timer.kind}`;
