import { onboardingDefinition, type OnboardingAction, type OnboardingStart } from '../../domain/onboarding';
import { probationDefinition, type ProbationAction, type ProbationStart } from '../../domain/probation';
import type { QrbCommand, QrbSubmission } from '../../domain/qrb';
import type { Actor } from '../../domain/roles';
import { rotationDefinition, type RotationAction, type RotationStart } from '../../domain/rotation';
import { PROBATION_START } from './processFixtures';
import { allRatings, board, conveneCommand, submission, submitCommand, voteCommand } from './qrbFixtures';

/** Commands of the four processes at fixed instants, and a small data set of cases, for the inbox and the read model tests. */

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
  submission({
    caseId,
    submittedBy,
    candidate: { name: 'Jordan Rivera', agency },
    position: { title: 'Deputy Assistant Secretary', agency, announcementClosedOn },
  });
export const qrbConvene = (when: string): QrbCommand => conveneCommand(board(), when);
export const MEMBERS = board().members.map((m) => m.id);
/** Every ECQ meets, except those listed, which do not. */
export const qrbVote = (memberId: string, when: string, failing: string[] = []): QrbCommand =>
  voteCommand(memberId, { ...allRatings('ecq-2025'), ...Object.fromEntries(failing.map((ecq) => [ecq, 'does-not-meet' as const])) }, when);

// --- probation ---------------------------------------------------------------
export const probationStart = (overrides: Partial<ProbationStart> = {}, when = at('2026-01-12'), actor: Actor = HR, policyVersion?: string) =>
  probationDefinition.startCommand({ ...PROBATION_START, startedBy: actor.id, ...overrides }, when, actor, policyVersion);
export const probationAct = (action: ProbationAction, actor: Actor, when: string) => probationDefinition.actionCommand(action, when, actor);
export const assessment = (conclusion: 'meets-level-of-excellence' | 'does-not-meet' = 'meets-level-of-excellence'): ProbationAction => ({
  type: 'SubmitAssessment',
  conclusion,
  summary: 'A year of work assessed.',
});

// --- onboarding --------------------------------------------------------------
export const onboardingStart = (overrides: Partial<OnboardingStart> = {}, when = at('2026-01-05')) =>
  onboardingDefinition.startCommand(
    {
      caseId: 'EX-1042-1',
      executiveId: 'ex-rivera',
      agency: 'DOE',
      appointmentEffectiveDate: '2026-01-12',
      reason: 'new-appointment',
      startedBy: HR.id,
      ...overrides,
    },
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

// --- a small known data set --------------------------------------------------
// QRB A: convened 03-05, two votes, m-chen's owed by 03-12 (reminded 03-12 and 03-19, decided 03-20 when added).
// QRB B: disapproved on driving-efficiency (2 of 3) after 5 days. QRB C (hr-bo, DOI): approved after 10 days.
export const QRB_A_SUBMITTED = submitCommand(qrbSubmission('QRB-2026-0001', 'DOE', HR.id, '2026-02-20'), at('2026-03-02'));
export const QRB_A_CONVENED = qrbConvene(at('2026-03-05', '10:00'));
export const QRB_A = [QRB_A_SUBMITTED, QRB_A_CONVENED, qrbVote('m-lee', at('2026-03-06')), qrbVote('m-patel', at('2026-03-06'))];
export const QRB_A_DECIDED = [...QRB_A, qrbVote('m-chen', at('2026-03-20'))];
export const QRB_B = [
  submitCommand(qrbSubmission('QRB-2026-0002', 'DOE', HR.id, '2026-03-25'), at('2026-04-01')),
  qrbConvene(at('2026-04-02', '10:00')),
  qrbVote('m-lee', at('2026-04-06')),
  qrbVote('m-patel', at('2026-04-06'), ['driving-efficiency']),
  qrbVote('m-chen', at('2026-04-06'), ['driving-efficiency']),
];
export const QRB_C = [
  submitCommand(qrbSubmission('QRB-2026-0003', 'DOI', HR_BO.id, '2026-04-27'), at('2026-05-04')),
  qrbConvene(at('2026-05-05', '10:00')),
  ...MEMBERS.map((m) => qrbVote(m, at('2026-05-14'))),
];
/** EX-1042-1: started 01-12, assessed favourably by its supervisor on 10-01. */
export const PROBATION_1 = [probationStart()];
export const PROBATION_1_ASSESSED = [...PROBATION_1, probationAct(assessment(), SUP, at('2026-10-01'))];
export const PROBATION_2 = [
  probationStart(
    { caseId: 'EX-2001-1', executiveId: 'ex-lin', agency: 'DOT', appointmentEffectiveDate: '2026-03-02', startedBy: HR_BO.id },
    at('2026-03-02', '15:00'),
    HR_BO,
  ),
];
export const ONBOARDING_1 = [
  onboardingStart(),
  onboardingAct(assignSupervisor, HR, at('2026-01-06')),
  onboardingAct(confirm('pre-boarding'), ERO, at('2026-01-08')),
  onboardingAct(confirm('first-week'), SUP, at('2026-01-16')),
];
