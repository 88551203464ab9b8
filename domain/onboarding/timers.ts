import { SYSTEM_ACTOR } from '../roles';
import type { OnboardingCommand } from './commands';
import { escalationAt, overdueAt } from './rules';
import { isOnboardingTerminal, type OnboardingState } from './state';

/** The next timer a program waits for, anchored on the due dates in its state (never on "now"). */
export type OnboardingTimer =
  { kind: 'milestone-reminder'; milestoneId: string; dueAt: string } | { kind: 'milestone-escalation'; milestoneId: string; dueAt: string };

/**
 * Pure: what the workflow waits for next, or null when only people can move the program.
 * For each unconfirmed milestone: its reminder when the agency's day after its due date begins (UTC's day for a
 * case that counts UTC days, `daysIn`),
 * then, once reminded, its escalation `escalationAfterDays` later. The earliest wins;
 * ties go in policy order. A terminal program waits for nothing.
 */
export const nextOnboardingTimer = (state: OnboardingState, daysIn?: 'UTC'): OnboardingTimer | null => {
  if (state.status !== 'IN_PROGRESS' || isOnboardingTerminal(state)) return null;
  let next: OnboardingTimer | null = null;
  for (const m of state.milestones) {
    if (m.confirmation || m.escalatedAt) continue;
    const timer: OnboardingTimer = m.reminderSentAt
      ? { kind: 'milestone-escalation', milestoneId: m.id, dueAt: escalationAt(m.dueDate, state.escalationAfterDays!, state.agency, daysIn) }
      : { kind: 'milestone-reminder', milestoneId: m.id, dueAt: overdueAt(m.dueDate, state.agency, daysIn) };
    if (next === null || timer.dueAt < next.dueAt) next = timer;
  }
  return next;
};

/** The system command a timer executes when it fires at `at`. */
export const onboardingTimerCommand = (timer: OnboardingTimer, at: string): OnboardingCommand =>
  timer.kind === 'milestone-reminder'
    ? { type: 'SendMilestoneReminder', at, actor: SYSTEM_ACTOR, milestoneId: timer.milestoneId }
    : { type: 'EscalateMilestone', at, actor: SYSTEM_ACTOR, milestoneId: timer.milestoneId };

/** A stable id for the timer, for the events' causationId. */
export const onboardingTimerId = (timer: OnboardingTimer): string =>
  `timer-${timer.kind === 'milestone-reminder' ? 'reminder' : 'escalation'}-${timer.milestoneId}`;
