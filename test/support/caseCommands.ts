import { onboardingDefinition, type OnboardingAction, type OnboardingStart } from '../../domain/onboarding';
import { probationDefinition, type ProbationAction, type ProbationStart } from '../../domain/probation';
import type { QrbCommand, QrbSubmission } from '../../domain/qrb';
import type { Actor } from '../../domain/roles';
import { rotationDefinition, type RotationAction, type RotationStart } from '../../domain/rotation';
import { allRatings, board, conveneCommand, submission, voteCommand } from './qrbFixtures';

/** Commands of the four processes at fixed instants, for the inbox and the read model tests. */

export const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
export const HR_BO: Actor = { id: 'hr-bo', role: 'hr-specialist' };
export const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
export const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
export const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
export const OPM: Actor = { id: 'opm-kim', role: 'opm-qrb-staff' };

export const at = (date: string, time = '14:00') => `${date}T${time}:00.000Z`;

// --- QRB ---------------------------------------------------------------------
/** A Criterion A case (resume evidence: submit it from 2025-10-01, under the ECQ 2025 framework) for the candidate's own agency. */
export const qrbSubmission = (caseId: string, agency: string, submittedBy: string, announcementClosedOn: string): QrbSubmission =>
  submission({ caseId, submittedBy, candidate: { name: 'Jordan Rivera', agency }, position: { title: 'Deputy Assistant Secretary', agency, announcementClosedOn } });
export const qrbConvene = (when: string): QrbCommand => conveneCommand(board(), when);
export const MEMBERS = board().members.map((m) => m.id);
/** Every ECQ meets, except those listed, which do not. */
export const qrbVote = (memberId: string, when: string, failing: string[] = []): QrbCommand =>
  voteCommand(memberId, { ...allRatings('ecq-2025'), ...Object.fromEntries(failing.map((ecq) => [ecq, 'does-not-meet' as const])) }, when);

// --- probation ---------------------------------------------------------------
export const probationStart = (overrides: Partial<ProbationStart> = {}, when = at('2026-01-12'), actor: Actor = HR, policyVersion?: string) =>
  probationDefinition.startCommand(
    {
      caseId: 'EX-1042-1',
      executiveId: 'ex-rivera',
      agency: 'DOE',
      appointmentEffectiveDate: '2026-01-12',
      criterion: 'A',
      priorTenure: 'career',
      supervisorId: SUP.id,
      appointingAuthorityId: AA.id,
      startedBy: actor.id,
      ...overrides,
    },
    when,
    actor,
    policyVersion,
  );
export const probationAct = (action: ProbationAction, actor: Actor, when: string) => probationDefinition.actionCommand(action, when, actor);
export const assessment = (conclusion: 'meets-level-of-excellence' | 'does-not-meet' = 'meets-level-of-excellence'): ProbationAction => ({
  type: 'SubmitAssessment',
  conclusion,
  summary: 'A year of work assessed.',
});

// --- onboarding --------------------------------------------------------------
export const onboardingStart = (overrides: Partial<OnboardingStart> = {}, when = at('2026-01-05')) =>
  onboardingDefinition.startCommand(
    { caseId: 'EX-1042-1', executiveId: 'ex-rivera', agency: 'DOE', appointmentEffectiveDate: '2026-01-12', reason: 'new-appointment', startedBy: HR.id, ...overrides },
    when,
    HR,
  );
export const onboardingAct = (action: OnboardingAction, actor: Actor, when: string) => onboardingDefinition.actionCommand(action, when, actor);
export const assignSupervisor: OnboardingAction = { type: 'AssignSupervisorAndMentor', supervisorId: SUP.id, mentorId: 'men-park' };
export const confirm = (milestoneId: string): OnboardingAction => ({ type: 'ConfirmMilestone', milestoneId });

// --- rotation ----------------------------------------------------------------
export const EMP: Actor = { id: 'emp-okafor', role: 'employee' };
export const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
export const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
export const HOST_SUP: Actor = { id: 'sup-hollis', role: 'supervisor' };
export const rotationStart = (overrides: Partial<RotationStart> = {}, when = at('2026-11-23')) =>
  rotationDefinition.startCommand(
    {
      caseId: 'ROT-2026-0007',
      cohortId: 'PMC-IRP-2026-C1',
      participant: { id: EMP.id, homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 30, lastRatingLevel: 5 },
      startedBy: HR.id,
      ...overrides,
    },
    when,
    HR,
  );
export const rotationAct = (action: RotationAction, actor: Actor, when: string) => rotationDefinition.actionCommand(action, when, actor);
