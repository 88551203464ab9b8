import { test } from 'uvu';
import * as assert from 'uvu/assert';
import users from '../config/users.json';
import { APPRAISAL_EVENT_SCHEMAS, appraisalDefinition, initialAppraisalState, type AppraisalAction, type AppraisalCommand } from '../domain/appraisal';
import { addDays } from '../domain/calendar';
import {
  DELEGATION_EVENT_SCHEMAS,
  decideDelegation,
  delegationStreamName,
  evolveDelegation,
  initialDelegationState,
  parseDelegationEvent,
  delegationEventVersion,
  type DelegationCommand,
  type DelegationGrant,
} from '../domain/delegation';
import { SILENT_EVENT_TYPES, noticesFor, type Addressee, type Notice, type NoticeProcess } from '../domain/notifications';
import { ONBOARDING_EVENT_SCHEMAS, initialOnboardingState, type OnboardingCommand, onboardingDefinition } from '../domain/onboarding';
import { policyById } from '../domain/policyVersions';
import { PROBATION_EVENT_SCHEMAS, initialProbationState, type ProbationCommand, probationDefinition } from '../domain/probation';
import type { ProcessCommand, ProcessEvent, ProcessTimer } from '../domain/processDefinition';
import { QRB_EVENT_SCHEMAS, evolveQrb, initialQrbState, submissionOnRecord, type QrbCommand, type QrbEvent, qrbDefinition } from '../domain/qrb';
import type { Actor, Role } from '../domain/roles';
import { ROTATION_EVENT_SCHEMAS, initialRotationState, type RotationCommand, rotationDefinition } from '../domain/rotation';
import {
  AA,
  EMP,
  ERO,
  HOME,
  HOST,
  HOST_SUP,
  HR,
  HR_BO,
  MEMBERS,
  OPM,
  QRB_A,
  QRB_A_SUBMITTED,
  QRB_B,
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
import { board, conveneCommand } from './support/qrbFixtures';
import { driveCase, type DrivenProcess } from './support/recordedCase';

// The who-is-told table (domain/notifications) on cases driven through each
// process's own decider and timers, their events folded through its own evolve,
// and noticesFor asked at every event with the state before and after it, as the
// outbox does. Every notice of every case is also checked for what it must not say.

interface Told {
  type: string;
  event: { type: string; data: unknown; occurredAt: string };
  notices: Notice[];
}

/** Names and ids of every person of the embedded default: no message text carries them. */
const PEOPLE = users.users.flatMap((u) => [u.id, u.name]);

/**
 * The free text of a case's events (any string with a space: names, evidence, reasons, comments, summaries, notes),
 * except the policy's pinned milestone titles.
 */
const narrativeOf = (value: unknown, key = ''): string[] => {
  if (key === 'milestones') return [];
  if (typeof value === 'string') return value.includes(' ') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => narrativeOf(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => narrativeOf(v, k));
  return [];
};

const sentences = (text: string): number => (text.match(/[.!?](?=\s|$)/g) ?? []).length;

/** What no notice may say: no person's name or id, no free text of the case's events; short bodies with no link. */
const assertNothingPrivate = (told: Told[]): void => {
  const forbidden = [...PEOPLE, ...told.flatMap((t) => narrativeOf(t.event.data))];
  for (const { type, notices } of told) {
    for (const n of notices) {
      for (const text of [n.subject, n.body]) {
        for (const secret of forbidden) assert.not.ok(text.includes(secret), `${type} → ${n.kind} says "${secret}": ${text}`);
      }
      const count = sentences(n.body);
      assert.ok(count >= 2 && count <= 4, `${n.kind}: ${count} sentences: ${n.body}`);
      assert.not.ok(/https?:|\/[a-z-]+-cases\/|\/delegations\//.test(n.body), `${n.kind} carries a link: ${n.body}`);
      assert.ok(n.to.length > 0, `${n.kind} reaches nobody`);
    }
  }
};

/** Drives a case as its workflow does (timers included), then folds every recorded event and asks for its notices. */
const tellAlong = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: NoticeProcess,
  definition: DrivenProcess<S, C, E, T>,
  stream: string,
  commands: C[],
  until?: string,
): Told[] => {
  const { events } = driveCase(definition, stream, commands, until === undefined ? {} : { until });
  let state = definition.initialState;
  const told = events.map((stored) => {
    const event = definition.parseEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data, occurredAt: stored.meta.occurredAt });
    const before = state;
    state = definition.evolve(state, event);
    return { type: event.type, event, notices: noticesFor(process, event, before, state, stream) };
  });
  assertNothingPrivate(told);
  return told;
};

/** The notices of the nth event of a type (throws when the case recorded no such event). */
const of = (told: Told[], type: string, nth = 0): Notice[] => {
  const hit = told.filter((t) => t.type === type)[nth];
  if (!hit) throw new Error(`no ${type} #${nth} in ${told.map((t) => t.type).join(', ')}`);
  return hit.notices;
};

/** The one notice of an event. */
const only = (told: Told[], type: string, nth = 0): Notice => {
  const notices = of(told, type, nth);
  assert.is(notices.length, 1, `${type}: ${notices.map((n) => n.kind).join(', ')}`);
  return notices[0]!;
};

const p = (personId: string): Addressee => ({ personId });
const r = (role: Role): Addressee => ({ role });
const s = (subjectPersonId: string): Addressee => ({ subjectPersonId });

/** kind, addressees and the dated fields: what the outbox acts on. */
const shape = (n: Notice) => ({ kind: n.kind, to: n.to, dueOn: n.dueOn, notBefore: n.notBefore, cancelledBy: n.cancelledBy, casePath: n.casePath });

// --- QRB ------------------------------------------------------------------------
const QRB_STREAM = 'qrb-QRB-2026-0001';
const QRB_PATH = '/qrb-cases/QRB-2026-0001';
const qrb = (commands: QrbCommand[], until?: string) => tellAlong('qrb', qrbDefinition, QRB_STREAM, commands, until);
const transition = (action: 'hold' | 'release' | 'return', when: string): QrbCommand => ({
  type: 'HandleAgencyHeadTransition',
  at: when,
  actor: OPM,
  transition: { action, by: OPM.id, reason: `Agency head ${action} ordered by the Director.` },
});
const withdraw = (when: string): QrbCommand => ({
  type: 'WithdrawQrbCase',
  at: when,
  actor: HR,
  withdrawal: { withdrawnBy: HR.id, reason: 'Candidate accepted another offer.' },
});
const BOARD = MEMBERS.map(p);
const QRB_SUBMITTERS = [p(HR.id), p('sel-omar')];
/** A resubmitted case goes to a new board. */
const SECOND_BOARD = { ...board(), members: board().members.map((m) => ({ ...m, id: `${m.id}-2` })) };

// Known case A: submitted 03-02 by hr-ana (selecting official sel-omar), convened 03-05, m-lee and m-patel vote 03-06, m-chen on 03-20.
const qrbApproved = () =>
  qrb([
    ...QRB_A,
    qrbVote('m-chen', at('2026-03-20')),
    {
      type: 'RecordQrbAppointment',
      at: at('2026-03-25'),
      actor: HR_BO,
      appointment: {
        recordedBy: HR_BO.id,
        appointmentId: 'EX-1042-1',
        executiveId: 'ex-rivera',
        effectiveDate: '2026-04-06',
        supervisorId: SUP.id,
        appointingAuthorityId: AA.id,
        priorTenure: 'career',
      },
    },
  ]);

test('QRB: submitted → OPM QRB staff; board convened → its members, vote due at the first reminder; reminders → the members not yet voted', () => {
  const told = qrbApproved();
  assert.equal(shape(only(told, 'QrbCaseSubmitted')), {
    kind: 'qrb.submitted',
    to: [r('opm-qrb-staff')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  const voteDue = addDays('2026-03-05', policyById('ses-2025-10-01').qrb.voteReminderAfterDays);
  assert.is(voteDue, '2026-03-12');
  assert.equal(shape(only(told, 'QrbBoardConvened')), {
    kind: 'qrb.board-convened',
    to: BOARD,
    dueOn: voteDue,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  assert.match(only(told, 'QrbBoardConvened').body, /QRB case QRB-2026-0001.*by 2026-03-12/);
  // Two reminders fire (03-12 and 03-19) before m-chen votes; each reaches only m-chen, and the due date does not move.
  for (const nth of [0, 1]) {
    assert.equal(shape(only(told, 'QrbVoteReminderSent', nth)), {
      kind: 'qrb.vote-reminder',
      to: [p('m-chen')],
      dueOn: voteDue,
      notBefore: undefined,
      cancelledBy: undefined,
      casePath: QRB_PATH,
    });
  }
  assert.equal(of(told, 'QrbVoteCast'), []);
});

test('QRB: approved → the submitting HR specialist and the selecting official; appointment recorded → the submitter and the HR specialist who recorded it', () => {
  const told = qrbApproved();
  assert.equal(shape(only(told, 'QrbCaseApproved')), {
    kind: 'qrb.approved',
    to: QRB_SUBMITTERS,
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  const appointed = only(told, 'QrbAppointmentRecorded');
  assert.equal(shape(appointed), {
    kind: 'qrb.appointment-recorded',
    to: [p(HR.id), p(HR_BO.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  assert.match(appointed.body, /EX-1042-1.*effective 2026-04-06/);
});

test('QRB: disapproved with a window → the decision to both people (due the last day), and a window-closing reminder to the submitter a week ahead, cancelled by a resubmission, withdrawal or closure', () => {
  // Known case B: disapproved on 04-06; the window is 60 days.
  const told = tellAlong('qrb', qrbDefinition, 'qrb-QRB-2026-0002', QRB_B);
  const resubmitBy = addDays('2026-04-06', policyById('ses-2025-10-01').qrb.resubmissionWindowDays);
  assert.is(resubmitBy, '2026-06-05');
  const [decision, closing, ...rest] = of(told, 'QrbCaseDisapproved');
  assert.equal(rest, []);
  const path = '/qrb-cases/QRB-2026-0002';
  assert.equal(shape(decision!), {
    kind: 'qrb.disapproved',
    to: QRB_SUBMITTERS,
    dueOn: resubmitBy,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: path,
  });
  assert.equal(shape(closing!), {
    kind: 'qrb.resubmission-window-closing',
    to: [p(HR.id)],
    dueOn: resubmitBy,
    // The start of Washington's day (the position's agency is DOE), in daylight saving time.
    notBefore: '2026-05-29T04:00:00.000Z',
    cancelledBy: ['QrbCaseResubmitted', 'QrbCaseWithdrawn', 'QrbCaseClosed'],
    casePath: path,
  });
  // The failing ECQ is the board's rating: not in any message.
  for (const n of [decision!, closing!]) assert.not.match(`${n.subject} ${n.body}`, /driving-efficiency/);
});

test('QRB: a window shorter than the reminder lead is reminded from the disapproval day, never before it', () => {
  const disapproved: QrbEvent = {
    type: 'QrbCaseDisapproved',
    data: { ecqResults: [], failingEcqs: ['leading-people'], resubmitBy: '2026-04-09' },
    occurredAt: at('2026-04-06'),
  };
  const { submission } = QRB_A_SUBMITTED as Extract<QrbCommand, { type: 'SubmitQrbCase' }>;
  const submitted: QrbEvent = {
    type: 'QrbCaseSubmitted',
    data: { submission: submissionOnRecord(submission), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
    occurredAt: at('2026-03-02'),
  };
  const before = evolveQrb(initialQrbState, submitted);
  const notices = noticesFor('qrb', disapproved, before, evolveQrb(before, disapproved), QRB_STREAM);
  assert.equal(
    notices.map((n) => [n.kind, n.notBefore, n.dueOn]),
    [
      ['qrb.disapproved', undefined, '2026-04-09'],
      ['qrb.resubmission-window-closing', '2026-04-06T04:00:00.000Z', '2026-04-09'],
    ],
  );
  // No window left: the decision only, with no due date.
  const final: QrbEvent = { ...disapproved, data: { ...disapproved.data, resubmitBy: null } };
  assert.equal(noticesFor('qrb', final, before, evolveQrb(before, final), QRB_STREAM).map(shape), [
    { kind: 'qrb.disapproved', to: QRB_SUBMITTERS, dueOn: undefined, notBefore: undefined, cancelledBy: undefined, casePath: QRB_PATH },
  ]);
});

test('QRB: resubmitted → OPM QRB staff; disapproved again → the decision without a window, and closed → the submitter; an expired window closes the case too', () => {
  const resubmitted = qrb([
    ...QRB_B.map((c) => ({ ...c })),
    {
      type: 'ResubmitQrbCase',
      at: at('2026-04-20'),
      actor: HR,
      resubmission: { resubmittedBy: HR.id, evidence: { kind: 'resume-and-interview', resume: 'Revised: fifteen years of grid programmes.' } },
    },
    conveneCommand(SECOND_BOARD, at('2026-04-21', '10:00')),
    ...SECOND_BOARD.members.map((m) => qrbVote(m.id, at('2026-04-23'), ['driving-efficiency'])),
  ]);
  assert.equal(shape(only(resubmitted, 'QrbCaseResubmitted')), {
    kind: 'qrb.resubmitted',
    to: [r('opm-qrb-staff')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  assert.match(only(resubmitted, 'QrbCaseResubmitted').body, /round 2/);
  assert.equal(only(resubmitted, 'QrbCaseDisapproved', 1).kind, 'qrb.disapproved');
  assert.is(only(resubmitted, 'QrbCaseDisapproved', 1).dueOn, undefined);
  assert.equal(shape(only(resubmitted, 'QrbCaseClosed')), {
    kind: 'qrb.closed',
    to: [p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });

  const expired = qrb(QRB_B, at('2026-06-10'));
  const closed = only(expired, 'QrbCaseClosed');
  assert.equal(closed.to, [p(HR.id)]);
  assert.match(closed.body, /window ended 2026-06-05/);
});

test('QRB: held, released, returned or withdrawn under a sitting board → the submitter and every member; before a board, the submitter only', () => {
  const held = qrb([...QRB_A, transition('hold', at('2026-03-08')), transition('release', at('2026-03-09'))]);
  assert.equal(shape(only(held, 'QrbCasePlacedOnHold')), {
    kind: 'qrb.on-hold',
    to: [p(HR.id), ...BOARD],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  const released = only(held, 'QrbHoldReleased');
  assert.equal(shape(released), {
    kind: 'qrb.hold-released',
    to: [p(HR.id), ...BOARD],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  assert.match(released.body, /BOARD_CONVENED.*who have not voted/);

  const returned = qrb([...QRB_A, transition('hold', at('2026-03-08')), transition('return', at('2026-03-09'))]);
  assert.equal(shape(only(returned, 'QrbCaseReturnedUnderHold')), {
    kind: 'qrb.returned-under-hold',
    to: [p(HR.id), ...BOARD],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });

  assert.equal(only(qrb([...QRB_A, withdraw(at('2026-03-08'))]), 'QrbCaseWithdrawn').to, [p(HR.id), ...BOARD]);
  assert.equal(shape(only(qrb([QRB_A_SUBMITTED, withdraw(at('2026-03-03'))]), 'QrbCaseWithdrawn')), {
    kind: 'qrb.withdrawn',
    to: [p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: QRB_PATH,
  });
  assert.equal(only(qrb([QRB_A_SUBMITTED, transition('hold', at('2026-03-03'))]), 'QrbCasePlacedOnHold').to, [p(HR.id)]);
});

test("QRB: no message names the candidate, the position, the evidence, a vote's comment or a reason", () => {
  const told = qrb([
    ...QRB_A,
    {
      type: 'CastQrbVote',
      at: at('2026-03-07'),
      actor: { id: 'm-chen', role: 'qrb-member' },
      vote: {
        memberId: 'm-chen',
        ratings: (qrbVote('m-chen', at('2026-03-07')) as Extract<QrbCommand, { type: 'CastQrbVote' }>).vote.ratings,
        comment: 'Strong record of delivery.',
      },
    },
  ]);
  const texts = told.flatMap((t) => t.notices.flatMap((n) => [n.subject, n.body])).join('\n');
  for (const secret of ['Jordan Rivera', 'Deputy Assistant Secretary', 'Twelve years', 'Strong record', 'grid']) assert.not.ok(texts.includes(secret), secret);
  assert.ok(texts.includes('QRB case QRB-2026-0001'));
});

// --- probation -----------------------------------------------------------------
const PROBATION_PATH = '/probation-cases/EX-1042-1';
const probation = (commands: ProbationCommand[], until?: string) => tellAlong('probation', probationDefinition, 'probation-EX-1042-1', commands, until);
const END = '2027-01-11';
const EXEC = s('ex-rivera');

test('probation: started → supervisor and appointing authority; reminders → whom the reminder recorded; assessment → the appointing authority; certified and completed → the executive and the officials', () => {
  const told = probation(
    [
      probationStart(),
      probationAct(assessment(), SUP, at('2026-11-01')),
      probationAct({ type: 'CertifyProbation', statement: 'Certified: excellent first year.' }, AA, at('2026-12-20')),
    ],
    at('2027-01-13'),
  );
  assert.equal(shape(only(told, 'ProbationStarted')), {
    kind: 'probation.started',
    to: [p(SUP.id), p(AA.id)],
    dueOn: END,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  // 90 days before the end no assessment is in: both; 30 days before, it is: the appointing authority only.
  const early = only(told, 'ProbationCertificationReminderSent', 0);
  assert.equal(shape(early), {
    kind: 'probation.certification-reminder',
    to: [p(SUP.id), p(AA.id)],
    dueOn: END,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.match(early.body, /in 90 days.*supervisor submits the assessment/);
  const late = only(told, 'ProbationCertificationReminderSent', 1);
  assert.equal(late.to, [p(AA.id)]);
  assert.match(late.body, /in 30 days.*assessment is in/);
  assert.equal(shape(only(told, 'ProbationAssessmentSubmitted')), {
    kind: 'probation.assessment-submitted',
    to: [p(AA.id)],
    dueOn: END,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  const everyone = [EXEC, p(SUP.id), p(AA.id), p(HR.id)];
  assert.equal(shape(only(told, 'ProbationCertified')), {
    kind: 'probation.certified',
    to: everyone,
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.match(only(told, 'ProbationCertified').body, /completes when the period ends on 2027-01-11/);
  assert.equal(shape(only(told, 'ProbationCompleted')), {
    kind: 'probation.completed',
    to: everyone,
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
});

test('probation: overdue → appointing authority, supervisor and the executive-resources office, due the end date; a late certification completes at once', () => {
  const told = probation(
    [
      probationStart(),
      probationAct(assessment(), SUP, at('2026-10-01')),
      probationAct({ type: 'CertifyProbation', statement: 'Certified late.' }, AA, at('2027-01-25')),
    ],
    at('2027-01-25'),
  );
  const overdue = only(told, 'ProbationCertificationOverdue');
  assert.equal(shape(overdue), {
    kind: 'probation.certification-overdue',
    to: [p(AA.id), p(SUP.id), r('executive-resources-office')],
    dueOn: END,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.match(overdue.body, /ended on 2027-01-11 without a certification/);
  assert.match(only(told, 'ProbationCertified').body, /after the period ended on 2027-01-11/);
  assert.is(only(told, 'ProbationCompleted').kind, 'probation.completed');
});

test('probation: removal proposed → the executive (their own record), the appointing authority and the HR specialist; withdrawn and removed likewise; no ground or reason is said', () => {
  const performance: ProbationCommand = probationAct(
    { type: 'ProposeRemoval', ground: 'performance', noticeDate: '2026-10-05', effectiveDate: '2026-11-05', reasons: 'Missed every programme milestone.' },
    AA,
    at('2026-10-05'),
  );
  const withdrawn = probation([
    probationStart(),
    probationAct(assessment('does-not-meet'), SUP, at('2026-10-01')),
    performance,
    probationAct({ type: 'WithdrawRemoval', reason: 'Agreed improvement plan.' }, AA, at('2026-10-20')),
  ]);
  const proposed = only(withdrawn, 'ProbationRemovalProposed');
  assert.equal(shape(proposed), {
    kind: 'probation.removal-proposed',
    to: [EXEC, p(AA.id), p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.match(proposed.body, /takes effect on 2026-11-05/);
  assert.equal(shape(only(withdrawn, 'ProbationRemovalWithdrawn')), {
    kind: 'probation.removal-withdrawn',
    to: [EXEC, p(AA.id), p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });

  const removed = probation(
    [
      probationStart(),
      probationAct(
        {
          type: 'ProposeRemoval',
          ground: 'pre-appointment-conditions',
          noticeDate: '2026-10-05',
          effectiveDate: '2026-11-05',
          replyBy: '2026-10-20',
          reasons: 'Undisclosed conflict of interest.',
        },
        AA,
        at('2026-10-05'),
      ),
    ],
    at('2026-11-06'),
  );
  const withReply = only(removed, 'ProbationRemovalProposed');
  assert.is(withReply.dueOn, '2026-10-20');
  assert.match(withReply.body, /reply is due by 2026-10-20/);
  assert.equal(shape(only(removed, 'ProbationerRemoved')), {
    kind: 'probation.removed',
    to: [EXEC, p(SUP.id), p(AA.id), p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  const texts = [...withdrawn, ...removed]
    .filter((t) => t.type.includes('Remov'))
    .flatMap((t) => t.notices.flatMap((n) => [n.subject, n.body]))
    .join('\n');
  for (const secret of ['performance', 'misconduct', 'pre-appointment', 'placement', 'gs-15']) assert.not.ok(texts.toLowerCase().includes(secret), secret);
});

const probationRescindedThenException = () =>
  probation(
    [
      probationStart(),
      probationAct(assessment(), SUP, at('2026-05-01')),
      probationAct({ type: 'CertifyProbation', statement: 'Certified early.' }, AA, at('2026-05-02')),
      probationAct({ type: 'RescindCertification', reason: 'Facts that came to light since.' }, AA, at('2026-06-01')),
      probationAct({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-06-02' }, HR, at('2026-06-02')),
      probationAct(
        {
          type: 'ProposeRemoval',
          ground: 'misconduct',
          noticeDate: '2026-06-03',
          effectiveDate: '2026-07-01',
          reasons: 'Misuse of a government vehicle.',
          moratoriumException: { ground: 'retention-jeopardizes-government', reasons: 'A risk to government property.', contestBy: '2026-06-10' },
        },
        AA,
        at('2026-06-03'),
      ),
      probationAct({ type: 'DecideMoratoriumException', upheld: false, reasons: 'The reply answers the risk.' }, AA, at('2026-06-15')),
    ],
    at('2026-06-16'),
  );
test('probation: a certification rescinded → the executive, the officials and HR, due the end date; a moratorium exception decided → the executive, the appointing authority and HR', () => {
  const told = probationRescindedThenException();
  assert.equal(shape(only(told, 'ProbationCertificationRescinded')), {
    kind: 'probation.certification-rescinded',
    to: [EXEC, p(SUP.id), p(AA.id), p(HR.id)],
    dueOn: END,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  const proposed = only(told, 'ProbationRemovalProposed');
  assert.is(proposed.dueOn, '2026-06-10');
  assert.match(proposed.body, /contest the exception through 2026-06-10/);
  const decided = only(told, 'ProbationMoratoriumExceptionDecided');
  assert.equal(shape(decided), {
    kind: 'probation.moratorium-exception-decided',
    to: [EXEC, p(AA.id), p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.match(decided.body, /not upheld on 2026-06-15\. The proposed removal is withdrawn/);
});

test('probation: a transfer → the new supervisor and appointing authority; nonpay that extends the end → the executive and the officials; leadership changes and counted nonpay are silent', () => {
  const told = probation([
    probationStart(),
    probationAct({ type: 'RecordNonpayPeriod', from: '2026-03-02', to: '2026-03-11' }, HR, at('2026-03-12')),
    probationAct({ type: 'RecordNonpayPeriod', from: '2026-04-01', to: '2026-05-10' }, HR, at('2026-05-11')),
    probationAct({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-15' }, HR, at('2026-05-15')),
    probationAct(
      { type: 'RecordTransfer', toAgency: 'DOT', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-diaz' },
      HR,
      at('2026-06-01'),
    ),
  ]);
  assert.equal(of(told, 'ProbationNonpayRecorded', 0), []);
  assert.equal(of(told, 'ProbationNonpayRecorded', 1), []);
  assert.equal(of(told, 'ProbationLeadershipChangeRecorded'), []);
  // 10 + 40 = 50 nonpay days, 30 counted: the end moves 20 days.
  const extended = only(told, 'ProbationEndDateExtended');
  assert.equal(shape(extended), {
    kind: 'probation.end-date-extended',
    to: [EXEC, p(SUP.id), p(AA.id)],
    dueOn: '2027-01-31',
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
  assert.equal(shape(only(told, 'ProbationerTransferred')), {
    kind: 'probation.transferred',
    to: [p('sup-lee'), p('aa-diaz')],
    dueOn: '2027-01-31',
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: PROBATION_PATH,
  });
});

// --- onboarding ----------------------------------------------------------------
const ONBOARDING_PATH = '/onboarding-cases/EX-1042-1';
const onboarding = (commands: OnboardingCommand[], until?: string) => tellAlong('onboarding', onboardingDefinition, 'onboarding-EX-1042-1', commands, until);
const MILESTONES = policyById('ses-2025-10-01').onboarding.milestones;
/** Every milestone confirmed by its owner on its due date (the assignment confirms its own). */
const onTime = () =>
  MILESTONES.filter((m) => m.id !== 'supervisor-and-mentor-assigned').map((m) =>
    onboardingAct(confirm(m.id), m.owner === 'supervisor' ? SUP : ERO, at(addDays('2026-01-12', m.dueDay))),
  );

test('onboarding: started → the executive-resources office (day 0); supervisor and mentor assigned → both; a reassignment tells the supervisor it replaces', () => {
  const told = onboarding([
    onboardingStart(),
    onboardingAct(assignSupervisor, HR, at('2026-01-06')),
    onboardingAct({ type: 'AssignSupervisorAndMentor', supervisorId: 'sup-hollis', coachId: 'coach-ames' }, ERO, at('2026-01-07')),
  ]);
  assert.equal(shape(only(told, 'OnboardingStarted')), {
    kind: 'onboarding.started',
    to: [r('executive-resources-office')],
    dueOn: '2026-01-12',
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ONBOARDING_PATH,
  });
  const assigned = only(told, 'OnboardingSupervisorAndMentorAssigned');
  assert.equal(shape(assigned), {
    kind: 'onboarding.supervisor-and-mentor-assigned',
    to: [p(SUP.id), p('men-park')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ONBOARDING_PATH,
  });
  // The assignment confirms its own milestone: the next one the supervisor confirms is the first week's.
  assert.match(assigned.body, /the next, "first-week".*due on 2026-01-19/);
  const reassigned = only(told, 'OnboardingSupervisorAndMentorAssigned', 1);
  assert.equal(reassigned.to, [p('sup-hollis'), p('coach-ames'), p(SUP.id)]);
  assert.match(reassigned.body, /replacing the previous supervisor/);
});

test("onboarding: a reminder → the milestone's owner (the assigned supervisor, else the owning role); an escalation → the executive-resources office and the supervisor", () => {
  // Nothing confirmed: pre-boarding (office, due 01-12) and supervisor-and-mentor-assigned are reminded 01-13,
  // first-week (due 01-19) on 01-20; escalations 14 days later.
  const told = onboarding([onboardingStart(), onboardingAct(assignSupervisor, HR, at('2026-01-06'))], at('2026-02-03'));
  const reminders = told.filter((t) => t.type === 'OnboardingMilestoneReminderSent');
  const byMilestone = Object.fromEntries(reminders.map((t) => [(t.event.data as { milestoneId: string }).milestoneId, t.notices]));
  assert.equal(byMilestone['pre-boarding']!.map(shape), [
    {
      kind: 'onboarding.milestone-reminder',
      to: [r('executive-resources-office')],
      dueOn: '2026-01-12',
      notBefore: undefined,
      cancelledBy: undefined,
      casePath: ONBOARDING_PATH,
    },
  ]);
  assert.equal(byMilestone['first-week']!.map(shape), [
    { kind: 'onboarding.milestone-reminder', to: [p(SUP.id)], dueOn: '2026-01-19', notBefore: undefined, cancelledBy: undefined, casePath: ONBOARDING_PATH },
  ]);
  assert.match(
    byMilestone['first-week']![0]!.body,
    /"first-week" \(First week: [^)]*\).*due on 2026-01-19.*unconfirmed on 2026-02-03 it is escalated to the executive-resources office/,
  );
  const escalated = told.find((t) => t.type === 'OnboardingMilestoneEscalated' && (t.event.data as { milestoneId: string }).milestoneId === 'first-week')!;
  assert.equal(escalated.notices.map(shape), [
    {
      kind: 'onboarding.milestone-escalated',
      to: [r('executive-resources-office'), p(SUP.id)],
      dueOn: '2026-01-19',
      notBefore: undefined,
      cancelledBy: undefined,
      casePath: ONBOARDING_PATH,
    },
  ]);
  // Before any assignment the office's own milestone escalates to the office alone.
  const unassigned = onboarding([onboardingStart()], at('2026-01-28'));
  assert.equal(only(unassigned, 'OnboardingMilestoneEscalated').to, [r('executive-resources-office')]);
});

test('onboarding: completed and ended → the HR specialist who started it and the supervisor; confirmations are silent', () => {
  const completed = onboarding([onboardingStart(), onboardingAct(assignSupervisor, HR, at('2026-01-06')), ...onTime()]);
  assert.equal(of(completed, 'OnboardingMilestoneConfirmed'), []);
  assert.equal(shape(only(completed, 'OnboardingCompleted')), {
    kind: 'onboarding.completed',
    to: [p(HR.id), p(SUP.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ONBOARDING_PATH,
  });
  const ended = onboarding([
    onboardingStart(),
    onboardingAct(assignSupervisor, HR, at('2026-01-06')),
    onboardingAct({ type: 'EndOnboarding', reason: 'separation', note: 'Left for the private sector.' }, HR, at('2026-01-09')),
  ]);
  assert.equal(shape(only(ended, 'OnboardingEnded')), {
    kind: 'onboarding.ended',
    to: [p(HR.id), p(SUP.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ONBOARDING_PATH,
  });
  assert.not.match(only(ended, 'OnboardingEnded').body, /separat|transfer/);
});

// --- rotation ------------------------------------------------------------------
const ROTATION_PATH = '/rotation-cases/ROT-2026-0007';
const rotation = (commands: RotationCommand[], until?: string) => tellAlong('rotation', rotationDefinition, 'rotation-ROT-2026-0007', commands, until);
const terms = { reimbursable: false, appraisingAgency: 'host' as const, dutyStation: 'Washington, DC, New Executive Office Building' };
const HOME_SIGNER: Actor = { id: 'home-bell', role: 'home-agency-official' };
const toStart: RotationCommand[] = [
  rotationStart(),
  rotationAct(
    { type: 'SubmitStatementOfInterest', resume: 'Branch chief, grid security.', targetEcqs: ['leading-people'], statement: 'I want to lead change.' },
    EMP,
    at('2026-11-24'),
  ),
  rotationAct({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: SUP.id, concurredOn: '2026-11-30' } }, HOME, at('2026-11-30')),
  rotationAct({ type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: HOST_SUP.id, assignmentTitle: 'Senior Program Examiner' }, HOST, at('2026-12-02')),
  rotationAct({ type: 'SignAgreement', terms }, HOME, at('2026-12-03')),
  rotationAct({ type: 'SignAgreement', terms }, HOST, at('2026-12-04')),
  rotationAct({ type: 'StartRotation', startDate: '2026-12-07' }, HOME, at('2026-12-05')),
];
const PARTICIPANT = s(EMP.id);
const FOUR = [PARTICIPANT, p(HOME.id), p(HOST.id), p(HOST_SUP.id)];

test('rotation: opened → the participant; interest → home-agency officials; nominated → the participant and the OPM rotation team; matched → the people of the case, the unsigned host side by role', () => {
  const told = rotation(toStart);
  assert.equal(shape(only(told, 'RotationCaseOpened')), {
    kind: 'rotation.cohort-called',
    to: [PARTICIPANT],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.equal(only(told, 'RotationStatementOfInterestSubmitted').to, [r('home-agency-official')]);
  assert.equal(only(told, 'RotationParticipantNominated').to, [PARTICIPANT, r('opm-rotation-team')]);
  assert.equal(shape(only(told, 'RotationHostMatched')), {
    kind: 'rotation.host-matched',
    to: [PARTICIPANT, p(HOME.id), r('host-agency-official'), p(HOST_SUP.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.match(only(told, 'RotationHostMatched').body, /host assignment at OMB/);
});

test('rotation: one signature → the other side; the agreement in force and the start → the people of the case; mid-point due → the host supervisor first, due the mid-point', () => {
  const told = rotation(toStart, at('2027-03-09'));
  assert.equal(shape(only(told, 'RotationAgreementSigned', 0)), {
    kind: 'rotation.agreement-awaiting-signature',
    to: [r('host-agency-official')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.equal(shape(only(told, 'RotationAgreementSigned', 1)), {
    kind: 'rotation.agreement-in-force',
    to: FOUR,
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  const started = only(told, 'RotationStarted');
  assert.equal(shape(started), { kind: 'rotation.started', to: FOUR, dueOn: undefined, notBefore: undefined, cancelledBy: undefined, casePath: ROTATION_PATH });
  assert.match(started.body, /starts on 2026-12-07 and ends on 2027-06-07.*mid-point check-in is due on 2027-03-08/);
  assert.equal(shape(only(told, 'RotationMidpointCheckInDue')), {
    kind: 'rotation.midpoint-check-in-due',
    to: [p(HOST_SUP.id), PARTICIPANT, p(HOME.id), p(HOST.id)],
    dueOn: '2027-03-08',
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
});

test('rotation: extended → the people of the case; period ended → them and the OPM rotation team; evaluated → the home official; returned home → everyone; the check-in is silent', () => {
  const told = rotation([
    ...toStart,
    rotationAct({ type: 'RecordMidpointCheckIn', summary: 'On track with the budget review.' }, HOST_SUP, at('2027-03-10')),
    rotationAct(
      { type: 'ExtendRotation', months: 1, homeOfficialConsent: { officialId: HOME.id, consentedOn: '2027-04-01' }, reason: 'Finish the budget cycle.' },
      HOST,
      at('2027-04-02'),
    ),
    rotationAct({ type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Delivered the budget review.' }, HOST_SUP, at('2027-07-09')),
    rotationAct({ type: 'ConfirmReturnHome', returnedOn: '2027-07-12' }, HOME, at('2027-07-12')),
  ]);
  assert.equal(of(told, 'RotationMidpointCheckInRecorded'), []);
  const extended = only(told, 'RotationExtended');
  assert.equal(shape(extended), {
    kind: 'rotation.extended',
    to: FOUR,
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.match(extended.body, /by 1 month on 2027-04-02.*now ends on 2027-07-07 \(it ended on 2027-06-07\)/);
  assert.equal(shape(only(told, 'RotationPeriodEnded')), {
    kind: 'rotation.period-ended',
    to: [...FOUR, r('opm-rotation-team')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.equal(shape(only(told, 'RotationCompletionEvaluated')), {
    kind: 'rotation.evaluated',
    to: [p(HOME.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.not.match(only(told, 'RotationCompletionEvaluated').body, /objectives/);
  assert.equal(shape(only(told, 'RotationParticipantReturnedHome')), {
    kind: 'rotation.returned-home',
    to: [...FOUR, r('opm-rotation-team')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
});

test('rotation: ended early → the home official (who signed for the home side, from the state), the HR specialist who opened the case, the participant, the host side and the OPM rotation team; the reason is not said', () => {
  const signedByAnother = toStart.map((c) => (c.type === 'SignAgreement' && c.actor.id === HOME.id ? { ...c, actor: HOME_SIGNER } : c));
  const told = rotation([...signedByAnother, rotationAct({ type: 'TerminateEarly', reason: 'Host office reorganised.' }, HOST, at('2027-01-15'))]);
  const ended = only(told, 'RotationTerminatedEarly');
  assert.equal(shape(ended), {
    kind: 'rotation.terminated-early',
    to: [p(HOME_SIGNER.id), p(HR.id), PARTICIPANT, p(HOST.id), p(HOST_SUP.id), r('opm-rotation-team')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  assert.match(ended.body, /ended early on 2027-01-15 by the host agency, before its end date 2027-06-07/);
});

test('rotation: a declined match → the OPM rotation team, the home official and the host supervisor; a withdrawal → only whom the case had reached', () => {
  const declined = rotation([...toStart.slice(0, 4), rotationAct({ type: 'DeclineMatch', reason: 'Family relocation.' }, EMP, at('2026-12-03'))]);
  assert.equal(shape(only(declined, 'RotationMatchDeclined')), {
    kind: 'rotation.match-declined',
    to: [r('opm-rotation-team'), p(HOME.id), p(HOST_SUP.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  const early = rotation([...toStart.slice(0, 2), rotationAct({ type: 'Withdraw', reason: 'Personal reasons.' }, EMP, at('2026-11-25'))]);
  assert.equal(shape(only(early, 'RotationWithdrawn')), {
    kind: 'rotation.withdrawn',
    to: [p(HR.id)],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: ROTATION_PATH,
  });
  const late = rotation([...toStart.slice(0, 5), rotationAct({ type: 'Withdraw', reason: 'Personal reasons.' }, EMP, at('2026-12-04'))]);
  assert.equal(only(late, 'RotationWithdrawn').to, [p(HR.id), p(HOME.id), r('opm-rotation-team'), r('host-agency-official'), p(HOST_SUP.id)]);
});

// --- delegation -------------------------------------------------------------------
const GRANT: DelegationGrant = {
  delegationId: 'DEL-2026-0001',
  from: AA.id,
  to: 'aa-acting',
  role: 'appointing-authority',
  approvals: ['CertifyProbation', 'ProposeRemoval'],
  validFrom: '2026-11-23',
  validUntil: '2026-12-31',
  reason: 'Annual leave over the holidays.',
};
const delegation = (commands: DelegationCommand[]): Told[] => {
  const stream = delegationStreamName(GRANT.delegationId);
  let state = initialDelegationState;
  const told = commands.flatMap((command) => {
    const decision = decideDelegation(state, command);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
    return decision.events.map((decided) => {
      const event = parseDelegationEvent({ ...decided, schemaVersion: delegationEventVersion(decided.type) });
      const before = state;
      state = evolveDelegation(state, event);
      return { type: event.type, event, notices: noticesFor('delegation', event, before, state, stream) };
    });
  });
  assertNothingPrivate(told);
  return told;
};

test('delegation: granted and revoked → the delegating official and the acting official; no reason is said', () => {
  const told = delegation([
    { type: 'GrantDelegation', at: at('2026-11-20'), actor: AA, grant: GRANT },
    { type: 'RevokeDelegation', at: at('2026-12-01'), actor: ERO, reason: 'Returned early from leave.' },
  ]);
  const path = '/delegations/DEL-2026-0001';
  const granted = only(told, 'DelegationGranted');
  assert.equal(shape(granted), {
    kind: 'delegation.granted',
    to: [p(AA.id), p('aa-acting')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: path,
  });
  assert.match(granted.body, /from 2026-11-23 through 2026-12-31.*appointing authority of record: CertifyProbation, ProposeRemoval/);
  assert.equal(shape(only(told, 'DelegationRevoked')), {
    kind: 'delegation.revoked',
    to: [p(AA.id), p('aa-acting')],
    dueOn: undefined,
    notBefore: undefined,
    cancelledBy: undefined,
    casePath: path,
  });
});

// --- every event type of every process --------------------------------------------
const SCHEMAS: Record<NoticeProcess, readonly string[]> = {
  qrb: Object.keys(QRB_EVENT_SCHEMAS),
  probation: Object.keys(PROBATION_EVENT_SCHEMAS),
  onboarding: Object.keys(ONBOARDING_EVENT_SCHEMAS),
  rotation: Object.keys(ROTATION_EVENT_SCHEMAS),
  appraisal: Object.keys(APPRAISAL_EVENT_SCHEMAS),
  delegation: Object.keys(DELEGATION_EVENT_SCHEMAS),
};
const INITIAL: Record<NoticeProcess, unknown> = {
  qrb: initialQrbState,
  probation: initialProbationState,
  onboarding: initialOnboardingState,
  rotation: initialRotationState,
  appraisal: initialAppraisalState,
  delegation: initialDelegationState,
};

// --- appraisal -------------------------------------------------------------------
const appraisal = (commands: AppraisalCommand[], until?: string) => tellAlong('appraisal', appraisalDefinition, 'appraisal-APR-FY2026-1', commands, until);
const HR_APR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP_APR: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA_APR: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const EXEC_APR: Actor = { id: 'ex-rivera', role: 'executive' };
const appraisalAct = (action: AppraisalAction, actor: Actor, date: string): AppraisalCommand => appraisalDefinition.actionCommand(action, at(date), actor);
const appraisalStart = (overrides: Record<string, unknown> = {}): AppraisalCommand =>
  appraisalDefinition.startCommand(
    {
      caseId: 'APR-FY2026-1',
      executiveId: 'ex-rivera',
      agency: 'DOE',
      appointmentType: 'career',
      period: { cycle: 'FY2026', start: '2025-10-01', end: '2026-09-30' },
      supervisorId: 'sup-ortiz',
      appointingAuthorityId: 'aa-wong',
      startedBy: 'hr-ana',
      ...overrides,
    },
    at('2025-09-01'),
    HR_APR,
  );
const APR_PLAN = [
  { element: 'faithful-administration', weight: 30 },
  { element: 'government-efficiency', weight: 20 },
  { element: 'merit-and-competence', weight: 20 },
  { element: 'holding-others-accountable', weight: 15 },
  { element: 'achieving-organizational-goals', weight: 15 },
];
const APR_PANEL = [
  { id: 'prb-adams', career: true, supervisorOf: [] },
  { id: 'prb-baker', career: true, supervisorOf: [] },
  { id: 'prb-cruz', career: false, supervisorOf: [] },
];
const PRB_ADAMS: Actor = { id: 'prb-adams', role: 'supervisor' };
/** A late entry extended to 90 days, a higher-level review, an unsatisfactory rating, the authority removes, a hearing asked. */
const appraisalRemovedAfterReview = () =>
  appraisal(
    [
      appraisalStart({ appraisedFrom: '2026-07-15', administrationBeganOn: '2025-01-20' }),
      appraisalAct({ type: 'CommunicatePlan', elements: APR_PLAN, communicatedOn: '2026-07-10' }, SUP_APR, '2026-07-10'),
      appraisalAct({ type: 'RecordProgressReview', heldOn: '2026-09-01', summary: 'Behind on two elements.' }, SUP_APR, '2026-09-01'),
      appraisalAct({ type: 'IssueInitialRating', level: 1, narrative: 'Did not meet three critical elements.' }, SUP_APR, '2026-10-20'),
      appraisalAct({ type: 'RespondToInitialRating', response: 'The period was short.', requestHigherLevelReview: true }, EXEC_APR, '2026-10-22'),
      appraisalAct(
        { type: 'SubmitHigherLevelReview', recommendedLevel: 2, recommendation: 'Minimally satisfactory fits.' },
        { id: 'sup-hollis', role: 'supervisor' },
        '2026-10-28',
      ),
      appraisalAct({ type: 'ConvenePrb', panelId: 'PRB-DOE-FY2026', members: APR_PANEL }, HR_APR, '2026-11-02'),
      appraisalAct({ type: 'SubmitPrbRecommendation', recommendedLevel: 1, recommendation: 'The board recommends Level 1.' }, PRB_ADAMS, '2026-11-09'),
      appraisalAct({ type: 'IssueFinalRating', level: 1, reasons: 'As the PRB recommends.' }, AA_APR, '2026-11-16'),
      appraisalAct({ type: 'DecideAfterUnsatisfactoryRating', decision: 'remove', reason: 'No suitable SES position.' }, AA_APR, '2026-11-18'),
      appraisalAct(
        { type: 'IssueRemovalNotice', noticeDate: '2026-11-19', effectiveDate: '2026-12-21', basis: 'Unsatisfactory final rating.' },
        AA_APR,
        '2026-11-19',
      ),
      appraisalAct({ type: 'RequestInformalHearing', requestedOn: '2026-12-01' }, EXEC_APR, '2026-12-01'),
    ],
    at('2026-12-22'),
  );
/** A second unsatisfactory rating in five years; the response window passes; removal is mandatory. */
const appraisalMandatoryRemoval = () =>
  appraisal([
    appraisalStart({ priorFinalRatings: [{ periodEnd: '2024-09-30', level: 1 }] }),
    appraisalAct({ type: 'CommunicatePlan', elements: APR_PLAN, communicatedOn: '2025-09-30' }, SUP_APR, '2025-09-30'),
    appraisalAct({ type: 'RecordNewAdministration', beganOn: '2025-09-30' }, HR_APR, '2025-10-02'),
    appraisalAct({ type: 'RecordProgressReview', heldOn: '2026-04-15', summary: 'Serious concerns.' }, SUP_APR, '2026-04-15'),
    appraisalAct({ type: 'IssueInitialRating', level: 1, narrative: 'Unsatisfactory.' }, SUP_APR, '2026-10-05'),
    appraisalAct({ type: 'ConvenePrb', panelId: 'PRB-DOE-FY2026', members: APR_PANEL }, HR_APR, '2026-10-20'),
    appraisalAct({ type: 'SubmitPrbRecommendation', recommendedLevel: 1, recommendation: 'Concur.' }, PRB_ADAMS, '2026-10-27'),
    appraisalAct({ type: 'IssueFinalRating', level: 1, reasons: 'Second unsatisfactory rating.' }, AA_APR, '2026-11-02'),
  ]);

test('appraisal: the plan → the executive and HR; the initial rating → the executive, with the response date; the PRB → its members; the final rating names what follows', () => {
  const told = appraisalRemovedAfterReview();
  assert.equal(only(told, 'AppraisalStarted').to, [p('sup-ortiz')]);
  assert.equal(only(told, 'AppraisalInitialRatingIssued').to, [s('ex-rivera')]);
  assert.is(only(told, 'AppraisalInitialRatingIssued').dueOn, '2026-10-30');
  assert.equal(only(told, 'AppraisalPrbConvened').to, [p('prb-adams'), p('prb-baker'), p('prb-cruz')]);
  assert.equal(only(told, 'AppraisalPrbRecommended').to, [p('aa-wong')]);
  assert.match(only(told, 'AppraisalUnsatisfactoryDecisionRequired').body, /Reassign or transfer the executive within the SES, or remove them/);
  assert.is(only(told, 'AppraisalRemovalNoticeIssued').dueOn, '2026-12-06');
  assert.match(only(told, 'AppraisalPeriodExtended').subject, /period extended to 2026-10-12/);
  const mandatory = only(appraisalMandatoryRemoval(), 'AppraisalMandatoryRemovalRequired');
  assert.match(mandatory.body, /Removal from the SES is mandatory \(two unsatisfactory in five years/);
});

/** Every case above again: together they record every event type of every process. */
const ALL_CASES: [NoticeProcess, () => Told[]][] = [
  ['appraisal', appraisalRemovedAfterReview],
  ['appraisal', appraisalMandatoryRemoval],
  [
    'appraisal',
    () => appraisal([appraisalStart(), appraisalAct({ type: 'CancelAppraisal', reason: 'The executive left the position.' }, HR_APR, '2025-10-06')]),
  ],
  ['probation', probationRescindedThenException],
  ['qrb', qrbApproved],
  ['qrb', () => qrb(QRB_B, at('2026-06-10'))],
  [
    'qrb',
    () =>
      qrb([
        ...QRB_A,
        transition('hold', at('2026-03-08')),
        transition('release', at('2026-03-09')),
        transition('hold', at('2026-03-10')),
        transition('return', at('2026-03-11')),
      ]),
  ],
  [
    'qrb',
    () =>
      qrb([
        ...QRB_B,
        {
          type: 'ResubmitQrbCase',
          at: at('2026-04-20'),
          actor: HR,
          resubmission: { resubmittedBy: HR.id, evidence: { kind: 'resume-and-interview', resume: 'Revised.' } },
        },
        withdraw(at('2026-04-21')),
      ]),
  ],
  [
    'probation',
    () =>
      probation([
        probationStart(),
        probationAct({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-04-30' }, HR, at('2026-05-01')),
        probationAct({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-15' }, HR, at('2026-05-15')),
        probationAct(
          { type: 'RecordTransfer', toAgency: 'DOT', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-diaz' },
          HR,
          at('2026-06-01'),
        ),
      ]),
  ],
  [
    'probation',
    () =>
      probation(
        [
          probationStart(),
          probationAct(assessment(), SUP, at('2026-10-01')),
          probationAct({ type: 'CertifyProbation', statement: 'Certified late.' }, AA, at('2027-01-25')),
        ],
        at('2027-01-25'),
      ),
  ],
  [
    'probation',
    () =>
      probation(
        [
          probationStart(),
          probationAct(assessment('does-not-meet'), SUP, at('2026-10-01')),
          probationAct(
            { type: 'ProposeRemoval', ground: 'performance', noticeDate: '2026-10-05', effectiveDate: '2026-11-05', reasons: 'Below par.' },
            AA,
            at('2026-10-05'),
          ),
          probationAct({ type: 'WithdrawRemoval', reason: 'Reconsidered.' }, AA, at('2026-10-06')),
          probationAct(
            { type: 'ProposeRemoval', ground: 'performance', noticeDate: '2026-10-07', effectiveDate: '2026-11-07', reasons: 'Below par again.' },
            AA,
            at('2026-10-07'),
          ),
        ],
        at('2026-11-08'),
      ),
  ],
  ['onboarding', () => onboarding([onboardingStart(), onboardingAct(assignSupervisor, HR, at('2026-01-06'))], at('2026-02-01'))],
  ['onboarding', () => onboarding([onboardingStart(), onboardingAct(assignSupervisor, HR, at('2026-01-06')), ...onTime()])],
  [
    'onboarding',
    () => onboarding([onboardingStart(), onboardingAct({ type: 'EndOnboarding', reason: 'transfer', note: 'Moved agencies.' }, HR, at('2026-01-06'))]),
  ],
  [
    'rotation',
    () =>
      rotation([
        ...toStart,
        rotationAct({ type: 'RecordMidpointCheckIn', summary: 'Fine so far.' }, HOST_SUP, at('2027-03-10')),
        rotationAct({ type: 'ExtendRotation', months: 1, homeOfficialConsent: { officialId: HOME.id, consentedOn: '2027-04-01' } }, HOST, at('2027-04-02')),
        rotationAct({ type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Good work.' }, HOST_SUP, at('2027-07-09')),
        rotationAct({ type: 'ConfirmReturnHome', returnedOn: '2027-07-12' }, HOME, at('2027-07-12')),
      ]),
  ],
  ['rotation', () => rotation([...toStart, rotationAct({ type: 'TerminateEarly', reason: 'Reorganised.' }, HOME, at('2027-01-15'))])],
  [
    'rotation',
    () =>
      rotation([
        ...toStart.slice(0, 4),
        rotationAct({ type: 'DeclineMatch', reason: 'Too far.' }, EMP, at('2026-12-03')),
        rotationAct({ type: 'Withdraw', reason: 'Changed my mind.' }, EMP, at('2026-12-04')),
      ]),
  ],
  [
    'delegation',
    () =>
      delegation([
        { type: 'GrantDelegation', at: at('2026-11-20'), actor: AA, grant: GRANT },
        { type: 'RevokeDelegation', at: at('2026-12-01'), actor: AA, reason: 'Back.' },
      ]),
  ],
];

test('every event type of every process is handled: the documented silent ones tell nobody, every other one tells someone, and none throws even on bare states', () => {
  const seen = new Map<string, Told>();
  for (const [process, run] of ALL_CASES) {
    for (const told of run()) {
      const silent = SILENT_EVENT_TYPES[process]!.includes(told.type);
      assert.is(told.notices.length === 0, silent, `${process} ${told.type}: ${told.notices.length} notice(s), documented silent: ${silent}`);
      seen.set(`${process}/${told.type}`, told);
      // The same event against the bare initial state (before and after) must not throw either.
      const bare = noticesFor(process, told.event, INITIAL[process], INITIAL[process], `${process}-X-1`);
      assert.ok(Array.isArray(bare));
    }
  }
  for (const [process, types] of Object.entries(SCHEMAS) as [NoticeProcess, readonly string[]][]) {
    const missing = types.filter((type) => !seen.has(`${process}/${type}`));
    assert.equal(missing, [], `${process}: no case recorded ${missing.join(', ')}`);
    const unknownSilent = SILENT_EVENT_TYPES[process]!.filter((type) => !types.includes(type));
    assert.equal(unknownSilent, [], `${process}: silent types that are not event types`);
  }
  assert.equal(Object.fromEntries(Object.entries(SILENT_EVENT_TYPES).map(([k, v]) => [k, [...v]])), {
    qrb: ['QrbVoteCast'],
    probation: ['ProbationNonpayRecorded', 'ProbationLeadershipChangeRecorded'],
    onboarding: ['OnboardingMilestoneConfirmed'],
    rotation: ['RotationMidpointCheckInRecorded'],
    delegation: [],
    reassignment: ['ReassignmentDetailRecorded'],
    appraisal: ['AppraisalProgressReviewRecorded', 'AppraisalNewAdministrationRecorded'],
  });
});

test('an unknown process or event type gives no notice; so does a name inherited from Object', () => {
  const event = { type: 'QrbCaseApproved', data: { ecqResults: [] }, occurredAt: at('2026-03-20') };
  assert.equal(noticesFor('payroll', event, {}, {}, 'payroll-X-1'), []);
  assert.equal(noticesFor('constructor', event, {}, {}, 'constructor-X-1'), []);
  assert.equal(noticesFor('qrb', { ...event, type: 'QrbCaseTeleported' }, initialQrbState, initialQrbState, QRB_STREAM), []);
  assert.equal(noticesFor('qrb', { ...event, type: 'toString' }, initialQrbState, initialQrbState, QRB_STREAM), []);
});

test.run();
