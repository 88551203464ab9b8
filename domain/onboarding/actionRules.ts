import type { ActionRules } from '../processDefinition';
import type { Actor } from '../roles';
import type { OnboardingAction } from './commands';
import type { OnboardingMilestone, OnboardingState } from './state';

/** The milestones a person may confirm in a role: the role's own, and the supervisor's only for the assigned supervisor. */
export const confirmableMilestones = (state: OnboardingState, by: Actor): OnboardingMilestone[] =>
  state.milestones.filter((m) => m.confirmation === null && m.owner === by.role && (m.owner !== 'supervisor' || state.supervisorId === by.id));

/** When each onboarding action is open and to whom, as decide.ts rules it. */
export const onboardingActionRules: ActionRules<OnboardingState, OnboardingAction> = {
  AssignSupervisorAndMentor: { roles: () => ['hr-specialist', 'executive-resources-office'], statuses: ['IN_PROGRESS'] },
  // Each milestone has its owner.
  ConfirmMilestone: {
    roles: (state) => [...new Set(state.milestones.filter((m) => m.confirmation === null).map((m) => m.owner))],
    statuses: ['IN_PROGRESS'],
    when: (state, by) => confirmableMilestones(state, by).length > 0,
  },
  EndOnboarding: { roles: () => ['hr-specialist'], statuses: ['IN_PROGRESS'] },
};
