import type { Decision, DomainError } from '../../domain/domainError';
import { onboardingDefinition, type OnboardingAction, type OnboardingStart } from '../../domain/onboarding';
import { probationDefinition, type ProbationAction, type ProbationStart } from '../../domain/probation';
import type { ProcessCommand, ProcessDefinition, ProcessEvent } from '../../domain/processDefinition';
import type { Actor, ActorDelegation } from '../../domain/roles';
import { rotationDefinition, type RotationAction, type RotationStart } from '../../domain/rotation';

// Cases of every process at the steps where someone approves, for the cross-process decider tests.

export const day = (date: string): string => `${date}T12:00:00.000Z`;

type Decider<S, C, E> = Pick<ProcessDefinition<S, C & ProcessCommand, E & ProcessEvent>, 'decide' | 'evolve'>;

/** Applies commands that must be accepted (setup). */
export const more = <S, C, E>(definition: Decider<S, C, E>, state: S, ...commands: C[]): S =>
  commands.reduce((s, command) => {
    const decision = definition.decide(s, command as C & ProcessCommand);
    if (!decision.ok) throw new Error(`setup command ${(command as ProcessCommand).type} refused: ${decision.error.rule}: ${decision.error.message}`);
    return decision.events.reduce(definition.evolve, s);
  }, state);

export const refusalOf = <E>(decision: Decision<E>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => (e as ProcessEvent).type).join(', ')}`);
  return decision.error;
};

export const eventsOf = <E>(decision: Decision<E>): E[] => {
  if (!decision.ok) throw new Error(`expected events, got refusal ${decision.error.rule}: ${decision.error.message}`);
  return decision.events;
};

/** The HR specialist who starts every case below: the starter no approver may be. */
export const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
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
export const probationStarted = () =>
  more(probationDefinition, probationDefinition.initialState, probationDefinition.startCommand(PROBATION_START, '2026-01-05T14:00:00.000Z', HR));
export const probationAssessed = () => more(probationDefinition, probationStarted(), probationAct(assessment, { id: 'sup-ortiz', role: 'supervisor' }));

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
export const onboardingAssigned = () =>
  more(
    onboardingDefinition,
    onboardingDefinition.initialState,
    onboardingDefinition.startCommand(ONBOARDING_START, '2026-01-05T14:00:00.000Z', HR),
    onboardingAct({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park' }, HR, day('2026-01-06')),
  );

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
export const rotationInterested = () =>
  more(
    rotationDefinition,
    rotationDefinition.initialState,
    rotationDefinition.startCommand(ROTATION_START, '2026-11-23T14:00:00.000Z', HR),
    rotationAct({ type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['leading-people'] }, { id: 'emp-okafor', role: 'employee' }),
  );
export const rotationMatched = () =>
  more(rotationDefinition, rotationInterested(), rotationAct(nomination, HOME), rotationAct(hostMatch, { id: 'opm-reyes', role: 'opm-rotation-team' }));
