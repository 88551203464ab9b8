import type { PendingDecision } from '../pendingDecision';
import type { Role } from '../roles';
import type { OnboardingState } from './state';

/** Who may assign the supervisor and mentor (the decider's assign rule). */
const ASSIGNERS: readonly Role[] = ['hr-specialist', 'executive-resources-office'];

/**
 * Who must act next in an onboarding program: the assignment of a supervisor and
 * mentor or coach until one is made (due day 0), and every unconfirmed milestone,
 * by its owner, due on its pinned due date. A supervisor's milestone waits for the
 * assignment: until then no one can confirm it, so it is in nobody's inbox.
 */
export const pendingOnboardingDecisions = (state: OnboardingState): PendingDecision[] => {
  if (state.status !== 'IN_PROGRESS') return [];
  const assignment: PendingDecision[] =
    state.supervisorId === null
      ? ASSIGNERS.map((role) => ({
          action: 'AssignSupervisorAndMentor',
          assigneeId: null,
          assigneeRole: role,
          dueOn: state.appointmentEffectiveDate,
          note: 'assign the supervisor and a mentor or coach before day 1',
        }))
      : [];
  const confirmations = state.milestones
    .filter((m) => m.confirmation === null && (m.owner !== 'supervisor' || state.supervisorId !== null))
    .map((m) => ({
      action: 'ConfirmMilestone',
      assigneeId: m.owner === 'supervisor' ? state.supervisorId : null,
      assigneeRole: m.owner,
      dueOn: m.dueDate,
      note: `${m.id}: ${m.title}${m.escalatedAt ? ' (escalated to the executive-resources office)' : ''}`,
    }));
  return [...assignment, ...confirmations];
};
