import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { type OnboardingCommand, onboardingDefinition } from '../domain/onboarding';
import { pendingOnboardingDecisions } from '../domain/onboarding/pendingDecisions';
import type { PendingDecision } from '../domain/pendingDecision';
import { policyById } from '../domain/policyVersions';
import { type ProbationCommand, probationDefinition } from '../domain/probation';
import { pendingProbationDecisions } from '../domain/probation/pendingDecisions';
import { type QrbCommand, qrbDefinition } from '../domain/qrb';
import { pendingQrbDecisions } from '../domain/qrb/pendingDecisions';
import { type RotationCommand, rotationDefinition } from '../domain/rotation';
import { pendingRotationDecisions } from '../domain/rotation/pendingDecisions';
import {
  AA,
  EMP,
  ERO,
  HOME,
  HOST,
  HOST_SUP,
  HR,
  MEMBERS,
  OPM,
  PROBATION_1_ASSESSED,
  QRB_A_CONVENED,
  QRB_A_SUBMITTED,
  SUP,
  assessment,
  assignSupervisor,
  at,
  confirm,
  onboardingAct,
  onboardingStart,
  probationAct,
  probationStart,
  qrbVote,
  rotationAct,
  rotationStart,
} from './support/caseCommands';
import { driveCase } from './support/recordedCase';

/** Who, what and by when, without the note. */
const who = (decisions: PendingDecision[]) => decisions.map(({ action, assigneeId, assigneeRole, dueOn }) => ({ action, assigneeId, assigneeRole, dueOn }));

// --- QRB ------------------------------------------------------------------------
const qrbAfter = (...commands: QrbCommand[]) => driveCase(qrbDefinition, 'qrb-Q-1', commands).state;
// QRB A of the known data set: submitted 03-02, convened 03-05.
const submitted = QRB_A_SUBMITTED;
const convened = QRB_A_CONVENED;
const REMINDER_DAYS = policyById('ses-2025-10-01').qrb.voteReminderAfterDays;

test('QRB: a submitted case waits on any OPM QRB staff member to convene a board, undated', () => {
  assert.equal(who(pendingQrbDecisions(qrbAfter(submitted))), [{ action: 'ConveneQrbBoard', assigneeId: null, assigneeRole: 'opm-qrb-staff', dueOn: null }]);
});

test('QRB: each member who has not voted owes a vote by the first reminder (convening + policy days), whatever reminders followed', () => {
  const dueOn = addDays('2026-03-05', REMINDER_DAYS);
  assert.is(dueOn, '2026-03-12');
  const vote = (memberId: string) => ({ action: 'CastQrbVote', assigneeId: memberId, assigneeRole: 'qrb-member', dueOn });
  assert.equal(who(pendingQrbDecisions(qrbAfter(submitted, convened))), MEMBERS.map(vote));
  // m-lee votes, and two reminders fire before m-patel does.
  const state = qrbAfter(submitted, convened, qrbVote('m-lee', at('2026-03-06')), qrbVote('m-patel', at('2026-03-20')));
  assert.is(state.remindersSent.length, 2);
  const pending = pendingQrbDecisions(state);
  assert.equal(who(pending), [vote('m-chen')]);
  assert.match(pending[0]!.note, /2 reminder\(s\) sent/);
});

test('QRB: a held case waits on OPM to release or return it; no votes are owed meanwhile', () => {
  const hold: QrbCommand = {
    type: 'HandleAgencyHeadTransition',
    at: at('2026-03-06'),
    actor: OPM,
    transition: { action: 'hold', by: OPM.id, reason: 'New agency head.' },
  };
  assert.equal(who(pendingQrbDecisions(qrbAfter(submitted, convened, hold))), [
    { action: 'HandleAgencyHeadTransition', assigneeId: null, assigneeRole: 'opm-qrb-staff', dueOn: null },
  ]);
});

test('QRB: approved, an HR specialist records the appointment; disapproved, one resubmits by the last day of the window', () => {
  const votes = (failing: string[]) => MEMBERS.map((m) => qrbVote(m, at('2026-03-09'), failing));
  assert.equal(who(pendingQrbDecisions(qrbAfter(submitted, convened, ...votes([])))), [
    { action: 'RecordQrbAppointment', assigneeId: null, assigneeRole: 'hr-specialist', dueOn: null },
  ]);
  const disapproved = pendingQrbDecisions(qrbAfter(submitted, convened, ...votes(['driving-efficiency'])));
  const resubmitBy = addDays('2026-03-09', policyById('ses-2025-10-01').qrb.resubmissionWindowDays);
  assert.equal(who(disapproved), [{ action: 'ResubmitQrbCase', assigneeId: null, assigneeRole: 'hr-specialist', dueOn: resubmitBy }]);
  assert.match(disapproved[0]!.note, /driving-efficiency/);
});

test('QRB: a withdrawn case waits on nobody', () => {
  const withdraw: QrbCommand = { type: 'WithdrawQrbCase', at: at('2026-03-06'), actor: HR, withdrawal: { withdrawnBy: HR.id, reason: 'Candidate declined.' } };
  assert.equal(pendingQrbDecisions(qrbAfter(submitted, withdraw)), []);
});

// --- probation -----------------------------------------------------------------
const probationAfter = (commands: ProbationCommand[], until?: string) =>
  driveCase(probationDefinition, 'probation-P-1', commands, until === undefined ? {} : { until }).state;
const END = '2027-01-11';

test("probation: the case's supervisor assesses first, due at the end date", () => {
  assert.equal(who(pendingProbationDecisions(probationAfter([probationStart()]))), [
    { action: 'SubmitAssessment', assigneeId: SUP.id, assigneeRole: 'supervisor', dueOn: END },
  ]);
});

test('probation: after a favourable assessment the appointing authority certifies by the end date; once certified nobody decides', () => {
  const assessed = PROBATION_1_ASSESSED;
  assert.equal(who(pendingProbationDecisions(probationAfter(assessed))), [
    { action: 'CertifyProbation', assigneeId: AA.id, assigneeRole: 'appointing-authority', dueOn: END },
  ]);
  const certified = probationAfter([...assessed, probationAct({ type: 'CertifyProbation', statement: 'Certified.' }, AA, at('2026-10-02'))]);
  assert.is(certified.status, 'CERTIFIED');
  assert.equal(pendingProbationDecisions(certified), []);
});

test('probation: after an unfavourable assessment, a new assessment or a proposed removal', () => {
  const state = probationAfter([probationStart(), probationAct(assessment('does-not-meet'), SUP, at('2026-10-01'))]);
  assert.equal(who(pendingProbationDecisions(state)), [
    { action: 'SubmitAssessment', assigneeId: SUP.id, assigneeRole: 'supervisor', dueOn: END },
    { action: 'ProposeRemoval', assigneeId: AA.id, assigneeRole: 'appointing-authority', dueOn: END },
  ]);
});

test('probation: past the end uncertified, the certification is still owed, due on the end date (overdue)', () => {
  const state = probationAfter([probationStart(), probationAct(assessment(), SUP, at('2026-10-01'))], at('2027-01-20'));
  assert.is(state.status, 'CERTIFICATION_OVERDUE');
  const [certify] = pendingProbationDecisions(state);
  assert.equal(who([certify!]), [{ action: 'CertifyProbation', assigneeId: AA.id, assigneeRole: 'appointing-authority', dueOn: END }]);
  assert.match(certify!.note, /ended 2027-01-11 uncertified/);
});

test('probation: the due date follows the pinned policy (the 2-year what-if) and a transfer names the new officials', () => {
  assert.is(pendingProbationDecisions(probationAfter([probationStart({}, at('2026-01-12'), HR, 'what-if-2yr-probation')]))[0]!.dueOn, '2028-01-11');
  const transfer = probationAct(
    { type: 'RecordTransfer', toAgency: 'DOT', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-diaz' },
    HR,
    at('2026-06-01'),
  );
  assert.is(pendingProbationDecisions(probationAfter([probationStart(), transfer]))[0]!.assigneeId, 'sup-lee');
});

// --- onboarding ----------------------------------------------------------------
const onboardingAfter = (...commands: OnboardingCommand[]) => driveCase(onboardingDefinition, 'onboarding-O-1', commands).state;
const MILESTONES = policyById('ses-2025-10-01').onboarding.milestones;

test("onboarding: before the assignment, HR or the executive-resources office assigns by day 0; the office's pre-boarding is open; supervisors' milestones wait", () => {
  assert.equal(who(pendingOnboardingDecisions(onboardingAfter(onboardingStart()))), [
    { action: 'AssignSupervisorAndMentor', assigneeId: null, assigneeRole: 'hr-specialist', dueOn: '2026-01-12' },
    { action: 'AssignSupervisorAndMentor', assigneeId: null, assigneeRole: 'executive-resources-office', dueOn: '2026-01-12' },
    { action: 'ConfirmMilestone', assigneeId: null, assigneeRole: 'executive-resources-office', dueOn: '2026-01-12' },
  ]);
});

test('onboarding: once assigned, every unconfirmed milestone is owed by its owner on its pinned due date; a confirmed one drops out', () => {
  const state = onboardingAfter(
    onboardingStart(),
    onboardingAct(assignSupervisor, HR, at('2026-01-06')),
    onboardingAct(confirm('pre-boarding'), ERO, at('2026-01-08')),
  );
  const pending = pendingOnboardingDecisions(state);
  assert.equal(
    who(pending),
    // The assignment confirmed its own milestone.
    MILESTONES.filter((m) => m.id !== 'pre-boarding' && m.id !== 'supervisor-and-mentor-assigned').map((m) => ({
      action: 'ConfirmMilestone',
      assigneeId: SUP.id,
      assigneeRole: 'supervisor',
      dueOn: addDays('2026-01-12', m.dueDay),
    })),
  );
  assert.match(pending[0]!.note, /^first-week: /);
});

test('onboarding: an escalated milestone says so; an ended program waits on nobody', () => {
  // first-week (due 01-19) is reminded on 01-20 and escalated 14 days later.
  const escalated = onboardingAfter(
    onboardingStart(),
    onboardingAct(assignSupervisor, HR, at('2026-01-06')),
    onboardingAct(confirm('pre-boarding'), ERO, at('2026-02-10')),
  );
  assert.match(pendingOnboardingDecisions(escalated).find((d) => d.note.startsWith('first-week'))!.note, /escalated/);
  const ended = onboardingAfter(onboardingStart(), onboardingAct({ type: 'EndOnboarding', reason: 'separation', note: 'Left.' }, HR, at('2026-01-06')));
  assert.equal(pendingOnboardingDecisions(ended), []);
});

// --- rotation ------------------------------------------------------------------
const rotationAfter = (...commands: RotationCommand[]) => driveCase(rotationDefinition, 'rotation-R-1', commands).state;
const terms = { reimbursable: false, appraisingAgency: 'host' as const };

test('rotation: each step waits on whoever the decider lets take it', () => {
  const steps: [RotationCommand, ReturnType<typeof who>][] = [
    [
      rotationAct({ type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['leading-people'] }, EMP, at('2026-11-24')),
      [{ action: 'NominateParticipant', assigneeId: null, assigneeRole: 'home-agency-official', dueOn: null }],
    ],
    [
      rotationAct({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: SUP.id, concurredOn: '2026-11-30' } }, HOME, at('2026-11-30')),
      [
        { action: 'MatchHost', assigneeId: null, assigneeRole: 'opm-rotation-team', dueOn: null },
        { action: 'MatchHost', assigneeId: null, assigneeRole: 'host-agency-official', dueOn: null },
      ],
    ],
    [
      rotationAct({ type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: HOST_SUP.id, assignmentTitle: 'Senior Program Examiner' }, HOST, at('2026-12-02')),
      [
        { action: 'SignAgreement', assigneeId: null, assigneeRole: 'home-agency-official', dueOn: null },
        { action: 'SignAgreement', assigneeId: null, assigneeRole: 'host-agency-official', dueOn: null },
      ],
    ],
    [
      rotationAct({ type: 'SignAgreement', terms }, HOME, at('2026-12-03')),
      [{ action: 'SignAgreement', assigneeId: null, assigneeRole: 'host-agency-official', dueOn: null }],
    ],
    [
      rotationAct({ type: 'SignAgreement', terms }, HOST, at('2026-12-04')),
      [
        { action: 'StartRotation', assigneeId: null, assigneeRole: 'home-agency-official', dueOn: null },
        { action: 'StartRotation', assigneeId: null, assigneeRole: 'host-agency-official', dueOn: null },
      ],
    ],
    [
      rotationAct({ type: 'StartRotation', startDate: '2026-12-07' }, HOME, at('2026-12-05')),
      [{ action: 'RecordMidpointCheckIn', assigneeId: HOST_SUP.id, assigneeRole: 'supervisor', dueOn: '2027-03-08' }],
    ],
    [rotationAct({ type: 'RecordMidpointCheckIn', summary: 'On track.' }, HOST_SUP, at('2027-03-10')), []],
  ];
  const commands: RotationCommand[] = [rotationStart()];
  assert.equal(who(pendingRotationDecisions(rotationAfter(...commands))), [
    { action: 'SubmitStatementOfInterest', assigneeId: EMP.id, assigneeRole: 'employee', dueOn: null },
  ]);
  for (const [command, expected] of steps) {
    commands.push(command);
    assert.equal(who(pendingRotationDecisions(rotationAfter(...commands))), expected, `after ${command.type}`);
  }
});

test('rotation: after the period ends the host supervisor evaluates, then the home agency confirms the return', () => {
  const running = [
    rotationStart(),
    rotationAct({ type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['leading-people'] }, EMP, at('2026-11-24')),
    rotationAct({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: SUP.id, concurredOn: '2026-11-30' } }, HOME, at('2026-11-30')),
    rotationAct({ type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: HOST_SUP.id, assignmentTitle: 'Senior Program Examiner' }, HOST, at('2026-12-02')),
    rotationAct({ type: 'SignAgreement', terms }, HOME, at('2026-12-03')),
    rotationAct({ type: 'SignAgreement', terms }, HOST, at('2026-12-04')),
    rotationAct({ type: 'StartRotation', startDate: '2026-12-07' }, HOME, at('2026-12-05')),
    rotationAct({ type: 'RecordMidpointCheckIn', summary: 'On track.' }, HOST_SUP, at('2027-03-10')),
  ];
  const ended = [...running, rotationAct({ type: 'TerminateEarly', reason: 'Reorganized.' }, HOST, at('2027-04-01'))];
  assert.equal(pendingRotationDecisions(rotationAfter(...ended)), []);
  const state = driveCase(rotationDefinition, 'rotation-R-1', running, { until: at('2027-06-08') }).state;
  assert.is(state.status, 'PERIOD_ENDED');
  assert.equal(who(pendingRotationDecisions(state)), [
    { action: 'SubmitCompletionEvaluation', assigneeId: HOST_SUP.id, assigneeRole: 'supervisor', dueOn: null },
  ]);
  const evaluated = rotationAfter(
    ...running,
    rotationAct({ type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Met.' }, HOST_SUP, at('2027-06-08')),
  );
  assert.equal(who(pendingRotationDecisions(evaluated)), [
    { action: 'ConfirmReturnHome', assigneeId: null, assigneeRole: 'home-agency-official', dueOn: null },
  ]);
});

test.run();
