import type { OnboardingEvent } from './events';
import type { OnboardingMilestone, OnboardingState } from './state';

const updateMilestone = (state: OnboardingState, id: string, change: (m: OnboardingMilestone) => OnboardingMilestone): OnboardingMilestone[] =>
  state.milestones.map((m) => (m.id === id ? change(m) : m));

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveOnboarding = (state: OnboardingState, event: OnboardingEvent): OnboardingState => {
  switch (event.type) {
    case 'OnboardingStarted': {
      const { start, policyVersion, milestones, escalationAfterDays } = event.data;
      return {
        ...state,
        status: 'IN_PROGRESS',
        caseId: start.caseId,
        policyVersion,
        start,
        startedAt: event.occurredAt,
        executiveId: start.executiveId,
        agency: start.agency,
        appointmentEffectiveDate: start.appointmentEffectiveDate,
        escalationAfterDays,
        milestones: milestones.map((m) => ({ ...m, confirmation: null, reminderSentAt: null, escalatedAt: null })),
      };
    }
    case 'OnboardingSupervisorAndMentorAssigned': {
      const { assignedBy, supervisorId, mentorId, coachId } = event.data;
      return {
        ...state,
        supervisorId,
        mentorId,
        coachId,
        assignments: [...state.assignments, { assignedBy, supervisorId, mentorId, coachId, at: event.occurredAt }],
      };
    }
    case 'OnboardingMilestoneConfirmed': {
      const { confirmedBy, role, late, daysLate, note } = event.data;
      return {
        ...state,
        milestones: updateMilestone(state, event.data.milestoneId, (m) => ({
          ...m,
          confirmation: { by: confirmedBy, role, at: event.occurredAt, late, daysLate, ...(note === undefined ? {} : { note }) },
        })),
      };
    }
    case 'OnboardingMilestoneReminderSent':
      return { ...state, milestones: updateMilestone(state, event.data.milestoneId, (m) => ({ ...m, reminderSentAt: event.occurredAt })) };
    case 'OnboardingMilestoneEscalated':
      return { ...state, milestones: updateMilestone(state, event.data.milestoneId, (m) => ({ ...m, escalatedAt: event.occurredAt })) };
    case 'OnboardingCompleted':
      return { ...state, status: 'COMPLETED', outcome: { status: 'COMPLETED', at: event.occurredAt, summary: event.data.summary } };
    case 'OnboardingEnded': {
      const { reason, note, endedBy, summary } = event.data;
      return { ...state, status: 'ENDED', outcome: { status: 'ENDED', at: event.occurredAt, reason, note, endedBy, summary } };
    }
  }
};
