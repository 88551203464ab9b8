import { policyById } from '../../domain/policyVersions';
import { onboardingDefinition, pinMilestones, type OnboardingAction, type OnboardingEvent, type OnboardingStart } from '../../domain/onboarding';
import { probationDefinition, type ProbationAction, type ProbationEvent, type ProbationStart } from '../../domain/probation';
import type { ReassignmentStart } from '../../domain/reassignment';
import type { Actor, ActorDelegation } from '../../domain/roles';
import { rotationDefinition, type RotationAction, type RotationEvent, type RotationStart } from '../../domain/rotation';

// Cases of every process at the steps where someone approves, as the events they have, for the cross-process decider tests.

export const day = (date: string): string => `${date}T12:00:00.000Z`;

/** The HR specialist who starts every case below: the starter no approver may be. */
export const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };

/** A directed reassignment of ex-rivera at DOE, outside the commuting area (the 60-day notice with consultation). */
export const REASSIGNMENT_START: ReassignmentStart = {
  caseId: 'RA-2026-0001',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  kind: 'directed',
  toPositionId: 'DOE-SES-0412',
  withinCommutingArea: false,
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
};
export const AUDITOR: Actor = { id: 'aud-ferris', role: 'auditor' };

/** A delegation's terms as the edge attaches them; valid through 2026 unless overridden. */
export const terms = (overrides: Partial<ActorDelegation> & Pick<ActorDelegation, 'from' | 'role' | 'approvals'>): ActorDelegation => ({
  delegationId: 'DEL-2026-0001',
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  ...overrides,
});

// --- probation: supervisor sup-ortiz, appointing authority aa-wong ---------------
/** The one probation start of the test cases (EX-1042-1, appointed 2026-01-12), started by hr-ana. */
export const PROBATION_START: ProbationStart = {
  caseId: 'EX-1042-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: '2026-01-12',
  criterion: 'A',
  priorTenure: 'career',
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: HR.id,
};
export const probationAct = (action: ProbationAction, actor: Actor, at = day('2026-06-01')) => probationDefinition.actionCommand(action, at, actor);
export const assessment: ProbationAction = { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the grid programme well.' };
export const certification: ProbationAction = { type: 'CertifyProbation', statement: 'Certified.' };
/** Started on 2026-01-05 under the policy in force: one year, ending 2027-01-11. */
export const PROBATION_STARTED: readonly ProbationEvent[] = [
  {
    type: 'ProbationStarted',
    data: { start: PROBATION_START, policyVersion: 'ses-2025-10-01', lengthYears: 1, endDate: '2027-01-11' },
    occurredAt: '2026-01-05T14:00:00.000Z',
  },
];
/** Assessed favourably by sup-ortiz on 2026-06-01: the appointing authority may certify. */
export const PROBATION_ASSESSED: readonly ProbationEvent[] = [
  ...PROBATION_STARTED,
  {
    type: 'ProbationAssessmentSubmitted',
    data: { supervisorId: 'sup-ortiz', conclusion: 'meets-level-of-excellence', summary: 'Led the grid programme well.', developmentActivitiesAddressed: [] },
    occurredAt: day('2026-06-01'),
  },
];

// --- onboarding: supervisor sup-ortiz assigned on 2026-01-06 -------------------------
export const ONBOARDING_START: OnboardingStart = {
  caseId: 'EX-1042-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: '2026-01-12',
  reason: 'new-appointment',
  startedBy: HR.id,
};
export const onboardingAct = (action: OnboardingAction, actor: Actor, at = day('2026-01-15')) => onboardingDefinition.actionCommand(action, at, actor);
export const confirm = (milestoneId: string): OnboardingAction => ({ type: 'ConfirmMilestone', milestoneId });
/** Started on 2026-01-05 under the policy in force; sup-ortiz and mentor men-park assigned the next day. */
export const ONBOARDING_ASSIGNED: readonly OnboardingEvent[] = [
  {
    type: 'OnboardingStarted',
    data: {
      start: ONBOARDING_START,
      policyVersion: 'ses-2025-10-01',
      milestones: pinMilestones(ONBOARDING_START.appointmentEffectiveDate, policyById('ses-2025-10-01').onboarding),
      escalationAfterDays: 14,
    },
    occurredAt: '2026-01-05T14:00:00.000Z',
  },
  {
    type: 'OnboardingSupervisorAndMentorAssigned',
    data: { assignedBy: HR.id, supervisorId: 'sup-ortiz', mentorId: 'men-park', coachId: null, previousSupervisorId: null },
    occurredAt: day('2026-01-06'),
  },
];

// --- rotation: opened by hr-ana, host supervisor sup-hollis ------------------------------
export const ROTATION_START: RotationStart = {
  caseId: 'ROT-2026-0007',
  cohortId: 'PMC-IRP-2026-C1',
  participant: { id: 'emp-okafor', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 64, lastRatingLevel: 5 },
  startedBy: HR.id,
};
export const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
export const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
export const rotationAct = (action: RotationAction, actor: Actor, at = day('2026-11-24')) => rotationDefinition.actionCommand(action, at, actor);
export const nomination: RotationAction = { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } };
export const hostMatch: Extract<RotationAction, { type: 'MatchHost' }> = {
  type: 'MatchHost',
  hostAgency: 'OMB',
  hostSupervisorId: 'sup-hollis',
  assignmentTitle: 'Senior Program Examiner',
};
export const signature: RotationAction = { type: 'SignAgreement', terms: { reimbursable: false, appraisingAgency: 'host' } };
/** Opened on 2026-11-23; the participant stated their interest the next day. */
export const ROTATION_INTERESTED: readonly RotationEvent[] = [
  {
    type: 'RotationCaseOpened',
    data: { start: ROTATION_START, policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
    occurredAt: '2026-11-23T14:00:00.000Z',
  },
  {
    type: 'RotationStatementOfInterestSubmitted',
    data: { participantId: 'emp-okafor', resume: 'Branch chief.', targetEcqs: ['leading-people'] },
    occurredAt: day('2026-11-24'),
  },
];
/** Nominated by home-diaz, on sup-ortiz's concurrence. */
export const ROTATION_NOMINATED: readonly RotationEvent[] = [
  ...ROTATION_INTERESTED,
  {
    type: 'RotationParticipantNominated',
    data: { nominatedBy: HOME.id, supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } },
    occurredAt: day('2026-11-24'),
  },
];
/** Matched by OPM to OMB under host supervisor sup-hollis: both sides may sign. */
export const ROTATION_MATCHED: readonly RotationEvent[] = [
  ...ROTATION_NOMINATED,
  {
    type: 'RotationHostMatched',
    data: { matchedBy: 'opm-reyes', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' },
    occurredAt: day('2026-11-24'),
  },
];
