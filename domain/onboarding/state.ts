import type { Role } from '../roles';
import type { OnboardingEndReason, OnboardingStart } from './commands';
import type { OnboardingSummary } from './events';

export type OnboardingStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'ENDED';

export interface OnboardingMilestone {
  id: string;
  title: string;
  dueDay: number;
  /** The last day on which a confirmation is on time: effective date + dueDay. */
  dueDate: string;
  owner: Role;
  confirmation: { by: string; role: Role; at: string; late: boolean; daysLate: number; note?: string } | null;
  reminderSentAt: string | null;
  escalatedAt: string | null;
}

/** An onboarding program as folded from its events: the workflow's `status` query and the auditor's replay. JSON only. */
export interface OnboardingState {
  status: OnboardingStatus;
  caseId: string | null;
  policyVersion: string | null;
  start: OnboardingStart | null;
  startedAt: string | null;
  executiveId: string | null;
  agency: string | null;
  appointmentEffectiveDate: string | null;
  escalationAfterDays: number | null;
  supervisorId: string | null;
  mentorId: string | null;
  coachId: string | null;
  assignments: { assignedBy: string; supervisorId: string; mentorId: string | null; coachId: string | null; at: string }[];
  /** In policy order. */
  milestones: OnboardingMilestone[];
  outcome:
    | { status: 'COMPLETED'; at: string; summary: OnboardingSummary }
    | { status: 'ENDED'; at: string; reason: OnboardingEndReason; note: string; endedBy: string; summary: OnboardingSummary }
    | null;
}

export const initialOnboardingState: OnboardingState = {
  status: 'NOT_STARTED',
  caseId: null,
  policyVersion: null,
  start: null,
  startedAt: null,
  executiveId: null,
  agency: null,
  appointmentEffectiveDate: null,
  escalationAfterDays: null,
  supervisorId: null,
  mentorId: null,
  coachId: null,
  assignments: [],
  milestones: [],
  outcome: null,
};

export const isOnboardingTerminal = (state: OnboardingState): boolean => state.status === 'COMPLETED' || state.status === 'ENDED';

export const onboardingStreamName = (caseId: string): string => `onboarding-${caseId}`;
