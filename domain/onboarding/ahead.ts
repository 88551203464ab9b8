import type { Ahead } from '../processDefinition';
import { escalationAt, overdueAt } from './rules';
import type { OnboardingState } from './state';
import { nextOnboardingTimer } from './timers';

/** Each unconfirmed milestone's next timer (the earliest of them is the workflow's next). */
export const onboardingAhead = (state: OnboardingState): Ahead[] => {
  if (nextOnboardingTimer(state) === null) return [];
  return state.milestones
    .filter((m) => m.confirmation === null && m.escalatedAt === null)
    .map((m) =>
      m.reminderSentAt
        ? {
            kind: 'milestone-escalation',
            dueAt: escalationAt(m.dueDate, state.escalationAfterDays!, state.agency),
            note: `${m.id}: escalated to the executive-resources office unless confirmed`,
          }
        : {
            kind: 'milestone-reminder',
            dueAt: overdueAt(m.dueDate, state.agency),
            note: `${m.id} (${m.title}): due ${m.dueDate}; a reminder to the ${m.owner} if not confirmed by then`,
          },
    );
};
