import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ecqsOf } from '../domain/ecqFrameworks';
import { isQrbClosed, qrbDefinition, replayQrb, type QrbCommand, type QrbEvent, type QrbSubmission } from '../domain/qrb';
import { deciderSpecification } from './support/deciderSpecification';
import {
  AT,
  allRatings,
  board,
  caseDate,
  conveneCommand,
  daysBefore,
  qrbConvened,
  qrbSubmitted,
  qrbVoteCast,
  submission,
  submitCommand,
  voteCommand,
} from './support/qrbFixtures';

// The QRB case after the first decision: returns, resubmission, holds, withdrawal, appointment.
const spec = deciderSpecification(qrbDefinition);
const DAY = 86_400_000;
const after = (days: number) => new Date(Date.parse(AT) + days * DAY).toISOString();
const meets = allRatings('ecq-2025');
const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
const BOARD = ['m-lee', 'm-patel', 'm-chen'];
const hr = { id: 'hr-ana', role: 'hr-specialist' as const };
const opm = { id: 'opm-kim', role: 'opm-qrb-staff' as const };
const evidence = { kind: 'resume-and-interview' as const, resume: 'Revised: efficiency results quantified.' };
const resubmit = (at: string): QrbCommand => ({
  type: 'ResubmitQrbCase',
  at,
  actor: hr,
  resubmission: { resubmittedBy: 'hr-ana', evidence },
});
const transition = (action: 'hold' | 'release' | 'return', at = AT): QrbCommand => ({
  type: 'HandleAgencyHeadTransition',
  at,
  actor: opm,
  transition: { action, by: 'opm-kim', reason: 'Secretary announced departure' },
});
const appointmentBody = (effectiveDate: string) => ({
  recordedBy: 'hr-ana',
  appointmentId: 'EX-1042-1',
  executiveId: 'ex-rivera',
  effectiveDate,
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  priorTenure: 'career' as const,
});
const appointment = (effectiveDate: string): QrbCommand => ({ type: 'RecordQrbAppointment', at: AT, actor: hr, appointment: appointmentBody(effectiveDate) });
const newBoard = () => ({
  convenedBy: 'opm-kim',
  members: [
    { id: 'm-ng', agency: 'DOJ', appointment: 'career' as const, priorQrbExperience: true },
    { id: 'm-diaz', agency: 'VA', appointment: 'career' as const, priorQrbExperience: false },
    { id: 'm-roy', agency: 'NASA', appointment: 'career' as const, priorQrbExperience: false },
  ],
});
const closeWindow = (at: string): QrbCommand => ({ type: 'CloseQrbResubmissionWindow', at, actor: { id: 'workflow', role: 'system' } });
const withdraw: QrbCommand = { type: 'WithdrawQrbCase', at: AT, actor: hr, withdrawal: { withdrawnBy: 'hr-ana', reason: 'Selectee declined the offer' } };

// --- the case's events --------------------------------------------------------
const ECQS = ecqsOf('ecq-2025');
/** Every member's ballot the same: the ECQs it finds met pass, the others fail. */
const unanimous = (ratings: Record<string, 'meets' | 'does-not-meet'>) =>
  ECQS.map((ecq) => (ratings[ecq] === 'meets' ? { ecq, meets: 3, doesNotMeet: 0, passed: true } : { ecq, meets: 0, doesNotMeet: 3, passed: false }));
const votesCast = (ratings: Record<string, 'meets' | 'does-not-meet'>, at = AT, members = BOARD) => members.map((id) => qrbVoteCast(id, ratings, at));
const disapproval = (resubmitBy: string | null, at = AT): QrbEvent => ({
  type: 'QrbCaseDisapproved',
  data: { ecqResults: unanimous(weak), failingEcqs: ['driving-efficiency'], resubmitBy },
  occurredAt: at,
});
const resubmitted = (at: string): QrbEvent => ({ type: 'QrbCaseResubmitted', data: { resubmittedBy: 'hr-ana', evidence, round: 2 }, occurredAt: at });
const held: QrbEvent = { type: 'QrbCasePlacedOnHold', data: { by: 'opm-kim', reason: 'Secretary announced departure' }, occurredAt: AT };
const withdrawn: QrbEvent = { type: 'QrbCaseWithdrawn', data: { withdrawnBy: 'hr-ana', reason: 'Selectee declined the offer' }, occurredAt: AT };

const SUBMITTED = [qrbSubmitted()];
const CONVENED = [...SUBMITTED, qrbConvened()];
/** Every member found driving efficiency not met: returned, resubmissions taken for 60 days. */
const DISAPPROVED = [...CONVENED, ...votesCast(weak), disapproval(caseDate(after(60)))];
const APPROVED: QrbEvent[] = [...CONVENED, ...votesCast(meets), { type: 'QrbCaseApproved', data: { ecqResults: unanimous(meets) }, occurredAt: AT }];
const HELD = [...CONVENED, held];

const window = suite('QRB submission window');
window('a case inside the 80-day window is taken; a late one is refused with the dates', () => {
  const closedOn = (days: number): QrbSubmission => submission({ position: { ...submission().position, announcementClosedOn: daysBefore(AT, days) } });
  spec
    .given([])
    .when(submitCommand(closedOn(80)))
    .then([qrbSubmitted(closedOn(80))]);
  spec
    .given([])
    .when(submitCommand(closedOn(81)))
    .thenRefused('qrb.submit.window-closed', {
      field: 'position.announcementClosedOn',
      message: new RegExp(`closed ${daysBefore(AT, 81)}; the 80-day submission window under policy ses-2025-10-01 ended ${daysBefore(AT, 1)}`),
    });
});
window('the 2008 policy allowed 90 days', () => {
  const narratives = Object.fromEntries(ecqsOf('ecq-2006').map((ecq) => [ecq, 'text']));
  const s = (closed: string) =>
    submission({ evidence: { kind: 'ecq-narratives', narratives }, position: { ...submission().position, announcementClosedOn: closed } });
  spec
    .given([])
    .when(submitCommand(s('2019-11-05'), '2020-02-03T10:00:00Z'))
    .thenEvents((_, state) => assert.is(state.status, 'SUBMITTED_TO_OPM'));
  spec
    .given([])
    .when(submitCommand(s('2019-11-04'), '2020-02-03T10:00:00Z'))
    .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: /90-day submission window/ });
});
window('an announcement that has not closed yet is refused', () => {
  const open = submission({ position: { ...submission().position, announcementClosedOn: caseDate(after(3)) } });
  spec.given([]).when(submitCommand(open)).thenRefused('qrb.submit.announcement-still-open', { field: 'position.announcementClosedOn' });
});
window.run();

const returns = suite('QRB disapproval and resubmission');
returns('a disapproval returns the case with per-ECQ results and the last day to resubmit', () => {
  spec
    .given([...CONVENED, ...votesCast(weak, AT, ['m-lee', 'm-patel'])])
    .when(voteCommand('m-chen', weak))
    .thenEvents((events, state) => {
      assert.equal(events, [qrbVoteCast('m-chen', weak), disapproval(caseDate(after(60)))]);
      assert.is(state.status, 'DISAPPROVED');
      assert.equal(state.decision?.failingEcqs, ['driving-efficiency']);
      assert.is(state.resubmitBy, caseDate(after(60)));
    });
});
returns('one resubmission within 60 days goes to a new board', () => {
  spec
    .given(DISAPPROVED)
    .when(resubmit(after(60)))
    .thenEvents((events, state) => {
      assert.equal(events, [resubmitted(after(60))]);
      assert.is(state.status, 'SUBMITTED_TO_OPM');
      assert.is(state.round, 2);
      assert.is(state.previousRounds[0]?.decision?.outcome, 'DISAPPROVED');
    });
  const resubmittedCase = [...DISAPPROVED, resubmitted(after(60))];
  spec
    .given(resubmittedCase)
    .when(conveneCommand(board(), after(61)))
    .thenRefused('qrb.board.new-board-on-resubmission', { field: 'members.0.id' });
  spec
    .given([...resubmittedCase, qrbConvened(newBoard(), after(61)), ...votesCast(meets, after(62), ['m-ng', 'm-diaz'])])
    .when(voteCommand('m-roy', meets, after(62)))
    .thenEvents((_, state) => assert.is(state.status, 'APPROVED'));
});
returns('a late resubmission is refused with the dates', () => {
  spec
    .given(DISAPPROVED)
    .when(resubmit(after(61)))
    .thenRefused('qrb.resubmit.window-closed', { message: new RegExp(`until ${caseDate(after(60))}, not on ${caseDate(after(61))}`) });
});
returns('a second disapproval closes the case; no second resubmission', () => {
  const secondRound = [...DISAPPROVED, resubmitted(after(10)), qrbConvened(newBoard(), after(11)), ...votesCast(weak, after(12), ['m-ng', 'm-diaz'])];
  const closedAfterResubmission: QrbEvent = { type: 'QrbCaseClosed', data: { reason: 'disapproved-after-resubmission' }, occurredAt: after(12) };
  spec
    .given(secondRound)
    .when(voteCommand('m-roy', weak, after(12)))
    .thenEvents((events, state) => {
      assert.equal(events, [qrbVoteCast('m-roy', weak, after(12)), disapproval(null, after(12)), closedAfterResubmission]);
      assert.is(state.status, 'CLOSED');
      assert.is(state.closure?.reason, 'disapproved-after-resubmission');
    });
  spec
    .given([...secondRound, qrbVoteCast('m-roy', weak, after(12)), disapproval(null, after(12)), closedAfterResubmission])
    .when(resubmit(after(13)))
    .thenRefused('qrb.case-closed', { kind: 'conflict' });
});
returns('the window closes the case only after its last day', () => {
  spec
    .given(DISAPPROVED)
    .when(closeWindow(after(60)))
    .thenRefused('qrb.resubmit.window-still-open');
  spec
    .given(DISAPPROVED)
    .when(closeWindow(after(61)))
    .thenEvents((events, state) => {
      assert.equal(events, [{ type: 'QrbCaseClosed', data: { reason: 'resubmission-window-expired' }, occurredAt: after(61) }]);
      assert.is(state.status, 'CLOSED');
      assert.is(state.closure?.reason, 'resubmission-window-expired');
    });
});
returns.run();

const hold = suite('QRB agency-head transition hold');
hold('a hold pauses an A or C case: no votes until released to where it was', () => {
  spec
    .given(CONVENED)
    .when(transition('hold'))
    .thenEvents((events, state) => {
      assert.equal(events, [held]);
      assert.is(state.status, 'ON_HOLD');
    });
  spec.given(HELD).when(voteCommand('m-lee', meets)).thenRefused('qrb.vote.on-hold');
  spec
    .given(HELD)
    .when({ type: 'RemindQrbVoters', at: AT, actor: { id: 'workflow', role: 'system' } })
    .thenRefused('qrb.reminder.nothing-pending');
  spec
    .given(HELD)
    .when(transition('release'))
    .thenEvents((events, state) => {
      assert.equal(events, [{ type: 'QrbHoldReleased', data: { by: 'opm-kim', reason: 'Secretary announced departure' }, occurredAt: AT }]);
      assert.is(state.status, 'BOARD_CONVENED');
      assert.is(state.hold, null);
    });
});
hold('Criterion B cases are exempt', () => {
  const b = submission({
    criterion: 'B',
    evidence: { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' },
  });
  spec
    .given([qrbSubmitted(b)])
    .when(transition('hold'))
    .thenRefused('qrb.hold.criterion-b-exempt', { message: /transmittal 758/ });
});
hold('a case returned under the hold says so and is closed', () => {
  spec
    .given([...SUBMITTED, held])
    .when(transition('return'))
    .thenEvents((events, state) => {
      assert.equal(events, [{ type: 'QrbCaseReturnedUnderHold', data: { by: 'opm-kim', reason: 'Secretary announced departure' }, occurredAt: AT }]);
      assert.is(state.status, 'RETURNED_UNDER_HOLD');
      assert.equal(state.closure, { status: 'RETURNED_UNDER_HOLD', at: AT, by: 'opm-kim', reason: 'Secretary announced departure' });
      assert.ok(isQrbClosed(state));
    });
});
hold('only OPM staff, only pending cases, release only when held', () => {
  spec
    .given(SUBMITTED)
    .when({ ...transition('hold'), actor: hr })
    .thenRefused('qrb.hold.opm-staff-only', { field: 'by' });
  spec.given(DISAPPROVED).when(transition('hold')).thenRefused('qrb.hold.not-pending');
  spec.given(SUBMITTED).when(transition('release')).thenRefused('qrb.hold.not-on-hold');
});
hold.run();

const ending = suite('QRB withdrawal and appointment');
ending('the agency withdraws at any open step, never after the case closed', () => {
  for (const open of [SUBMITTED, CONVENED, DISAPPROVED, [...SUBMITTED, held]]) {
    spec
      .given(open)
      .when(withdraw)
      .thenEvents((events, state) => {
        assert.equal(events, [withdrawn]);
        assert.is(state.status, 'WITHDRAWN');
      });
  }
  spec
    .given([...SUBMITTED, withdrawn])
    .when(withdraw)
    .thenRefused('qrb.case-closed');
  spec
    .given(SUBMITTED)
    .when({ ...withdraw, actor: { id: 'm-lee', role: 'qrb-member' } })
    .thenRefused('qrb.withdraw.hr-specialist-only', { field: 'withdrawnBy' });
});
ending('an approval leads to one appointment, not before the approval date', () => {
  spec
    .given(APPROVED)
    .when(appointment(daysBefore(AT, 1)))
    .thenRefused('qrb.appointment.before-approval', { field: 'effectiveDate' });
  const effective = caseDate(after(14));
  const recorded: QrbEvent = { type: 'QrbAppointmentRecorded', data: { appointment: appointmentBody(effective) }, occurredAt: AT };
  spec
    .given(APPROVED)
    .when(appointment(effective))
    .thenEvents((events, state) => {
      assert.equal(events, [recorded]);
      assert.is(state.status, 'APPOINTED');
      assert.is(state.appointment?.appointmentId, 'EX-1042-1');
    });
  spec
    .given([...APPROVED, recorded])
    .when(appointment(effective))
    .thenRefused('qrb.appointment.already-recorded');
  spec.given(DISAPPROVED).when(appointment(effective)).thenRefused('qrb.appointment.not-approved');
});
ending.run();

// --- properties -------------------------------------------------------------
const properties = suite('QRB invariants (property-based)');
const members = ['m-lee', 'm-patel', 'm-chen', 'm-ng', 'm-diaz', 'm-roy', 'm-stranger'];
const commandArb: fc.Arbitrary<(at: string) => QrbCommand> = fc.oneof(
  fc.constant((at: string) => conveneCommand(board(), at)),
  fc.constant((at: string) => conveneCommand(newBoard(), at)),
  fc.tuple(fc.constantFrom(...members), fc.boolean()).map(
    ([id, ok]) =>
      (at: string) =>
        voteCommand(id, ok ? meets : weak, at),
  ),
  fc.constant((at: string): QrbCommand => ({ type: 'RemindQrbVoters', at, actor: { id: 'workflow', role: 'system' } })),
  fc.constant((at: string) => resubmit(at)),
  fc.constantFrom('hold', 'release', 'return').map((action) => (at: string) => transition(action as 'hold', at)),
  fc.constant((at: string): QrbCommand => ({ type: 'WithdrawQrbCase', at, actor: hr, withdrawal: { withdrawnBy: 'hr-ana', reason: 'r' } })),
  fc.constant((at: string) => ({ ...appointment(at.slice(0, 10)), at })),
  fc.constant((at: string): QrbCommand => ({ type: 'CloseQrbResubmissionWindow', at, actor: { id: 'workflow', role: 'system' } })),
);
/** Random command sequences, each a day or more after the last, applied wherever accepted. */
const run = (steps: { make: (at: string) => QrbCommand; gap: number }[]) => {
  const live = spec.newCase();
  live.sendAccepted(submitCommand());
  let day = 0;
  const closedAfter: QrbEvent[] = [];
  for (const { make, gap } of steps) {
    day += gap;
    const wasClosed = isQrbClosed(live.state);
    const decision = live.send(make(after(day)));
    if (decision.ok && wasClosed) closedAfter.push(...decision.events);
  }
  return { state: live.state, events: live.events, closedAfter };
};
const stepsArb = fc.array(fc.record({ make: commandArb, gap: fc.integer({ min: 0, max: 40 }) }), { maxLength: 30 });

properties('no command is accepted once the case is closed', () => {
  fc.assert(fc.property(stepsArb, (steps) => run(steps).closedAfter.length === 0));
});
properties('replaying the stored events always equals the live state', () => {
  fc.assert(
    fc.property(stepsArb, (steps) => {
      const { state, events } = run(steps);
      const stored = events.map((e) => ({
        type: e.type,
        schemaVersion: qrbDefinition.eventVersion(e.type),
        data: e.data,
        meta: { occurredAt: e.occurredAt },
      }));
      assert.equal(replayQrb(stored), state);
    }),
  );
});
properties('a resubmission deadline is always 60 days after the return', () => {
  fc.assert(
    fc.property(stepsArb, (steps) => {
      const { state } = run(steps);
      if (state.status !== 'DISAPPROVED' || state.resubmitBy === null) return true;
      return Date.parse(state.resubmitBy) - Date.parse(caseDate(state.decision!.decidedAt)) === 60 * DAY;
    }),
  );
});
properties.run();
