import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, dateOf } from '../domain/calendar';
import { onboardingDefinition, type OnboardingAction, type OnboardingCommand } from '../domain/onboarding';
import { policyById } from '../domain/policyVersions';
import { probationDefinition, type ProbationAction, type ProbationCommand } from '../domain/probation';
import type { ProcessCommand, ProcessEvent, ProcessTimer } from '../domain/processDefinition';
import { type QrbBoardAssignment, type QrbCommand, qrbDefinition } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { rotationDefinition, type RotationAction, type RotationCommand } from '../domain/rotation';
import { PROBATION_START } from './support/processFixtures';
import { allRatings, board, submission } from './support/qrbFixtures';
import { driveCase, storedEvents, type DrivenProcess } from './support/recordedCase';

const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const hours = (at: string, h: number) => new Date(Date.parse(at) + h * 3_600_000).toISOString();

/** A person's command at a given instant; a pool of them, in any order, drives a case through refusals and all. */
type Candidate<C> = (at: string) => C;

/**
 * Property: whatever people send, in whatever order and at whatever pace (timers
 * firing in between), the commands a case accepted are exactly those rebuilt from its events.
 */
const roundTrips = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: DrivenProcess<S, C, E, T>,
  start: C,
  pool: Candidate<C>[],
  maxGapHours: number,
) =>
  fc.assert(
    fc.property(
      fc.array(fc.record({ pick: fc.nat(pool.length - 1), gap: fc.integer({ min: 1, max: maxGapHours }) }), { minLength: 5, maxLength: 30, size: 'max' }),
      fc.boolean(),
      (steps, inPoolOrder) => {
        // In pool order (listed roughly as a case goes) a case gets far; in any order, mostly refusals.
        const picks = inPoolOrder ? [...steps].sort((a, b) => a.pick - b.pick) : steps;
        let at = start.at;
        const commands = [start, ...picks.map(({ pick, gap }) => pool[pick]!((at = hours(at, gap))))];
        const { events, accepted } = driveCase(process, 'stream-1', commands, { skipRefused: true });
        assert.equal(process.recordedInputs(events), accepted);
      },
    ),
  );

// --- probation ------------------------------------------------------------------
const probationStart = probationDefinition.startCommand(PROBATION_START, '2026-01-12T14:00:00.000Z', HR, 'ses-2025-10-01');
const onProbation =
  (action: ProbationAction, actor: Actor): Candidate<ProbationCommand> =>
  (at) =>
    probationDefinition.actionCommand(action, at, actor);
const probationPool: Candidate<ProbationCommand>[] = [
  (at) => onProbation({ type: 'RecordNonpayPeriod', from: addDays(dateOf(at), -40), to: addDays(dateOf(at), -1) }, HR)(at),
  (at) => onProbation({ type: 'RecordTransfer', toAgency: 'DOT', effectiveDate: dateOf(at), supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' }, HR)(at),
  (at) => onProbation({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: dateOf(at) }, HR)(at),
  (at) => onProbation({ type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: dateOf(at), removalAuthority: true }, HR)(at),
  onProbation({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent.' }, SUP),
  onProbation({ type: 'SubmitAssessment', conclusion: 'does-not-meet', summary: 'Below the level of excellence.' }, SUP),
  onProbation({ type: 'CertifyProbation', statement: 'Certified.' }, AA),
  (at) =>
    onProbation(
      { type: 'ProposeRemoval', ground: 'performance', noticeDate: dateOf(at), effectiveDate: addDays(dateOf(at), 30), reasons: 'Performance.' },
      AA,
    )(at),
  (at) =>
    onProbation(
      {
        type: 'ProposeRemoval',
        ground: 'pre-appointment-conditions',
        noticeDate: dateOf(at),
        effectiveDate: addDays(dateOf(at), 30),
        replyBy: addDays(dateOf(at), 10),
        reasons: 'Conditions.',
      },
      AA,
    )(at),
  onProbation({ type: 'WithdrawRemoval', reason: 'Resolved.' }, AA),
  (at) => onProbation({ type: 'RecordNonpayPeriod', from: addDays(dateOf(at), -40), to: addDays(dateOf(at), -1), kind: 'military-duty' }, HR)(at),
  onProbation({ type: 'RescindCertification', reason: 'Facts that came to light since.' }, AA),
  (at) =>
    onProbation(
      {
        type: 'ProposeRemoval',
        ground: 'misconduct',
        noticeDate: dateOf(at),
        effectiveDate: addDays(dateOf(at), 20),
        reasons: 'Misconduct.',
        moratoriumException: { ground: 'crime-punishable-by-imprisonment', reasons: 'A felony charge.', contestBy: addDays(dateOf(at), 7) },
      },
      AA,
    )(at),
  onProbation({ type: 'DecideMoratoriumException', upheld: true, reasons: 'Upheld.' }, AA),
];

test('probation: the accepted person commands round-trip through their events (property)', () => {
  roundTrips(probationDefinition, probationStart, probationPool, 60 * 24);
});

test('probation: a realistic case, stored in SQLite, gives back its commands and none of its timers', async () => {
  const commands = [
    probationStart,
    onProbation({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent.' }, SUP)('2026-11-02T15:00:00.000Z'),
    onProbation({ type: 'CertifyProbation', statement: 'Certified.' }, AA)('2026-12-15T16:00:00.000Z'),
  ];
  const { events } = driveCase(probationDefinition, 'probation-EX-1042-1', commands, {
    until: '2027-02-01T00:00:00.000Z',
  });
  const stored = await storedEvents('probation-EX-1042-1', events);
  assert.equal(
    stored.map((e) => e.type).filter((t) => t === 'ProbationCertificationReminderSent' || t === 'ProbationCompleted').length,
    3,
    'two reminders and the completion',
  );
  assert.equal(probationDefinition.recordedInputs(stored), commands);
});

// --- onboarding -----------------------------------------------------------------
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const onboardingStart = onboardingDefinition.startCommand(
  { caseId: 'EX-1042-1', executiveId: 'ex-rivera', agency: 'DOE', appointmentEffectiveDate: '2026-01-12', reason: 'new-appointment', startedBy: HR.id },
  '2026-01-05T14:00:00.000Z',
  HR,
  'ses-2025-10-01',
);
const onboard =
  (action: OnboardingAction, actor: Actor): Candidate<OnboardingCommand> =>
  (at) =>
    onboardingDefinition.actionCommand(action, at, actor);
const onboardingPool: Candidate<OnboardingCommand>[] = [
  onboard({ type: 'AssignSupervisorAndMentor', supervisorId: SUP.id, mentorId: 'men-park' }, HR),
  onboard({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-lee', coachId: 'co-ray' }, ERO),
  ...policyById('ses-2025-10-01').onboarding.milestones.flatMap((m) =>
    m.owner === 'supervisor'
      ? [
          onboard({ type: 'ConfirmMilestone', milestoneId: m.id }, SUP),
          onboard({ type: 'ConfirmMilestone', milestoneId: m.id, note: 'Done.' }, { id: 'sup-lee', role: 'supervisor' }),
        ]
      : [onboard({ type: 'ConfirmMilestone', milestoneId: m.id, note: 'Forms in.' }, ERO)],
  ),
  onboard({ type: 'EndOnboarding', reason: 'transfer', note: 'Moved to DOT.' }, HR),
];

test('onboarding: the accepted person commands round-trip through their events (property)', () => {
  roundTrips(onboardingDefinition, onboardingStart, onboardingPool, 30 * 24);
});

test('onboarding: a realistic program, stored in SQLite, gives back its commands', async () => {
  const commands = [
    onboardingStart,
    onboardingPool[0]!('2026-01-06T15:00:00.000Z'),
    onboard({ type: 'ConfirmMilestone', milestoneId: 'pre-boarding', note: 'Forms in.' }, ERO)('2026-01-08T15:00:00.000Z'),
    onboard({ type: 'ConfirmMilestone', milestoneId: 'first-week' }, SUP)('2026-01-30T15:00:00.000Z'),
    onboard({ type: 'EndOnboarding', reason: 'separation', note: 'Left federal service.' }, HR)('2026-03-02T15:00:00.000Z'),
  ];
  const stored = await storedEvents('onboarding-EX-1042-1', driveCase(onboardingDefinition, 'onboarding-EX-1042-1', commands).events);
  assert.ok(
    stored.some((e) => e.type === 'OnboardingMilestoneReminderSent'),
    'first-week and day-30 were reminded',
  );
  assert.equal(onboardingDefinition.recordedInputs(stored), commands);
});

// --- rotation -------------------------------------------------------------------
const EMP: Actor = { id: 'emp-okafor', role: 'employee' };
const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
const HOST_SUP: Actor = { id: 'sup-hollis', role: 'supervisor' };
const rotationStart = rotationDefinition.startCommand(
  {
    caseId: 'ROT-2026-0007',
    cohortId: 'PMC-IRP-2026-C1',
    participant: { id: EMP.id, homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 30, lastRatingLevel: 5 },
    startedBy: HR.id,
  },
  '2026-11-23T14:00:00.000Z',
  HR,
  'ses-2025-10-01',
);
const rotate =
  (action: RotationAction, actor: Actor): Candidate<RotationCommand> =>
  (at) =>
    rotationDefinition.actionCommand(action, at, actor);
const terms = { reimbursable: false, appraisingAgency: 'host' as const };
const rotationPool: Candidate<RotationCommand>[] = [
  rotate({ type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['leading-people'], statement: 'Keen.' }, EMP),
  (at) => rotate({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: SUP.id, concurredOn: dateOf(at) } }, HOME)(at),
  rotate(
    { type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: HOST_SUP.id, assignmentTitle: 'Senior Program Examiner' },
    { id: 'opm-reyes', role: 'opm-rotation-team' },
  ),
  rotate({ type: 'SignAgreement', terms }, HOME),
  rotate({ type: 'SignAgreement', terms }, HOST),
  (at) => rotate({ type: 'StartRotation', startDate: addDays(dateOf(at), 3) }, HOME)(at),
  rotate({ type: 'RecordMidpointCheckIn', summary: 'On track.' }, HOST_SUP),
  (at) =>
    rotate(
      { type: 'ExtendRotation', months: 1, homeOfficialConsent: { officialId: HOME.id, consentedOn: dateOf(at) }, reason: 'Finish the budget cycle.' },
      HOST,
    )(at),
  rotate({ type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Met every objective.' }, HOST_SUP),
  (at) => rotate({ type: 'ConfirmReturnHome', returnedOn: dateOf(at) }, HOME)(at),
  rotate({ type: 'DeclineMatch', reason: 'Too far.' }, EMP),
  rotate({ type: 'TerminateEarly', reason: 'Reorganized.' }, HOST),
  rotate({ type: 'Withdraw', reason: 'Promotion at home.' }, EMP),
];

test('rotation: the accepted person commands round-trip through their events (property)', () => {
  roundTrips(rotationDefinition, rotationStart, rotationPool, 40 * 24);
});

test('rotation: a realistic rotation to the return home, stored in SQLite, gives back its commands', async () => {
  const days = ['2026-11-24', '2026-11-30', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2027-03-10', '2027-04-01', '2027-07-10', '2027-07-12'];
  // The pool's first ten, interest to return home, in order.
  const commands = [rotationStart, ...days.map((day, i) => rotationPool[i]!(`${day}T15:00:00.000Z`))];
  const stored = await storedEvents('rotation-ROT-2026-0007', driveCase(rotationDefinition, 'rotation-ROT-2026-0007', commands).events);
  assert.ok(
    stored.some((e) => e.type === 'RotationPeriodEnded'),
    'the extended period ended by its timer',
  );
  assert.equal(rotationDefinition.recordedInputs(stored), commands);
});

// --- QRB ------------------------------------------------------------------------
const OPM: Actor = { id: 'opm-kim', role: 'opm-qrb-staff' };
const qrbSubmission = submission({ position: { title: 'Deputy Assistant Secretary', agency: 'DOE', announcementClosedOn: '2026-02-20' } });
const qrbStart: QrbCommand = { type: 'SubmitQrbCase', at: '2026-03-02T14:00:00.000Z', actor: HR, submission: qrbSubmission, policyVersion: 'ses-2025-10-01' };
const secondBoard: QrbBoardAssignment = {
  convenedBy: OPM.id,
  members: [
    { id: 'm-ito', agency: 'DOI', appointment: 'career', priorQrbExperience: false },
    { id: 'm-ruiz', agency: 'VA', appointment: 'career', priorQrbExperience: true },
    { id: 'm-gold', agency: 'DOD', appointment: 'noncareer', priorQrbExperience: false },
  ],
};
type WithoutAt<C> = C extends unknown ? Omit<C, 'at'> : never;
const qrb =
  (command: WithoutAt<QrbCommand>): Candidate<QrbCommand> =>
  (at) => ({ ...command, at });
const vote = (memberId: string, rating: 'meets' | 'does-not-meet', comment?: string) =>
  qrb({
    type: 'CastQrbVote',
    actor: { id: memberId, role: 'qrb-member' },
    vote: { memberId, ratings: allRatings('ecq-2025', rating), ...(comment === undefined ? {} : { comment }) },
  });
const transition = (action: 'hold' | 'release' | 'return') =>
  qrb({ type: 'HandleAgencyHeadTransition', actor: OPM, transition: { action, by: OPM.id, reason: `Agency head ${action}.` } });
const qrbPool: Candidate<QrbCommand>[] = [
  qrb({ type: 'ConveneQrbBoard', actor: OPM, assignment: board() }),
  qrb({ type: 'ConveneQrbBoard', actor: OPM, assignment: secondBoard }),
  ...[...board().members, ...secondBoard.members].flatMap((m) => [vote(m.id, 'meets', 'Strong.'), vote(m.id, 'does-not-meet')]),
  qrb({ type: 'ResubmitQrbCase', actor: HR, resubmission: { resubmittedBy: HR.id, evidence: { kind: 'resume-and-interview', resume: 'Revised resume.' } } }),
  qrb({ type: 'WithdrawQrbCase', actor: HR, withdrawal: { withdrawnBy: HR.id, reason: 'Candidate declined.' } }),
  transition('hold'),
  transition('release'),
  transition('return'),
  (at) =>
    qrb({
      type: 'RecordQrbAppointment',
      actor: HR,
      appointment: {
        recordedBy: HR.id,
        appointmentId: 'EX-1042-1',
        executiveId: 'ex-rivera',
        effectiveDate: addDays(dateOf(at), 14),
        supervisorId: SUP.id,
        appointingAuthorityId: AA.id,
        priorTenure: 'career',
      },
    })(at),
];

test('QRB: the accepted person commands round-trip through their events (property)', () => {
  roundTrips(qrbDefinition, qrbStart, qrbPool, 10 * 24);
});

test('QRB: holds and releases that reuse their signal causation ids stay separate commands', async () => {
  const commands = [
    qrbStart,
    qrbPool[0]!('2026-03-05T15:00:00.000Z'),
    ...['hold', 'release', 'hold', 'release'].map((a, i) => transition(a as 'hold')(`2026-03-0${6 + i}T15:00:00.000Z`)),
  ];
  const causationId = (command: QrbCommand, i: number) =>
    command.type === 'HandleAgencyHeadTransition' ? `transition-${command.transition.action}` : i === 0 ? 'start' : `update-${i}`;
  const { events } = driveCase(qrbDefinition, 'qrb-QRB-2026-0001', commands, { causationId });
  const stored = await storedEvents('qrb-QRB-2026-0001', events);
  assert.equal(stored.filter((e) => e.meta.causationId === 'transition-hold').length, 2);
  assert.equal(qrbDefinition.recordedInputs(stored), commands);
});

test('an event no person causes, under a person, is an error naming it', () => {
  const { events } = driveCase(probationDefinition, 's', [probationStart], { until: '2026-10-14T00:00:00.000Z' });
  const reminder = events.find((e) => e.type === 'ProbationCertificationReminderSent')!;
  assert.throws(
    () => probationDefinition.recordedInputs([events[0]!, { ...reminder, meta: { ...reminder.meta, actor: HR } }]),
    /ProbationCertificationReminderSent is caused by the workflow's timers/,
  );
});

test.run();
