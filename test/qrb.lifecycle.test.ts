import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Decision, DomainError } from '../domain/domainError';
import { ecqsOf } from '../domain/ecqFrameworks';
import { decideQrb, evolveQrb, initialQrbState, isQrbClosed, replayQrb, type QrbCommand, type QrbEvent, type QrbState } from '../domain/qrb';
import { AT, allRatings, board, conveneCommand, daysBefore, submission, submitCommand, voteCommand } from './support/qrbFixtures';

/** The QRB case after the first decision: returns, resubmission, holds, withdrawal, appointment. */
const DAY = 86_400_000;
const after = (days: number) => new Date(Date.parse(AT) + days * DAY).toISOString();
const meets = allRatings('ecq-2025');
const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };

const apply = (state: QrbState, command: QrbCommand): QrbState => {
  const decision = decideQrb(state, command);
  if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.rule}: ${decision.error.message}`);
  return decision.events.reduce(evolveQrb, state);
};
const given = (...commands: QrbCommand[]) => commands.reduce(apply, initialQrbState);
const refusal = (decision: Decision<QrbEvent>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
};
const votesOf = (ratings: Record<string, 'meets' | 'does-not-meet'>, at = AT, members = ['m-lee', 'm-patel', 'm-chen']) =>
  members.map((id) => voteCommand(id, ratings, at));
const hr = { id: 'hr-ana', role: 'hr-specialist' as const };
const opm = { id: 'opm-kim', role: 'opm-qrb-staff' as const };
const resubmit = (at: string): QrbCommand => ({
  type: 'ResubmitQrbCase',
  at,
  actor: hr,
  resubmission: { resubmittedBy: 'hr-ana', evidence: { kind: 'resume-and-interview', resume: 'Revised: efficiency results quantified.' } },
});
const transition = (action: 'hold' | 'release' | 'return', at = AT): QrbCommand => ({
  type: 'HandleAgencyHeadTransition',
  at,
  actor: opm,
  transition: { action, by: 'opm-kim', reason: 'Secretary announced departure' },
});
const appointment = (effectiveDate: string): QrbCommand => ({
  type: 'RecordQrbAppointment',
  at: AT,
  actor: hr,
  appointment: {
    recordedBy: 'hr-ana',
    appointmentId: 'EX-1042-1',
    executiveId: 'ex-rivera',
    effectiveDate,
    supervisorId: 'sup-ortiz',
    appointingAuthorityId: 'aa-wong',
    priorTenure: 'career',
  },
});
const newBoard = () => ({
  convenedBy: 'opm-kim',
  members: [
    { id: 'm-ng', agency: 'DOJ', appointment: 'career' as const, priorQrbExperience: true },
    { id: 'm-diaz', agency: 'VA', appointment: 'career' as const, priorQrbExperience: false },
    { id: 'm-roy', agency: 'NASA', appointment: 'career' as const, priorQrbExperience: false },
  ],
});
const disapproved = () => given(submitCommand(), conveneCommand(), ...votesOf(weak));

const window = suite('QRB submission window');
window('a case inside the 80-day window is taken; a late one is refused with the dates', () => {
  assert.is(given(submitCommand(submission({ position: { ...submission().position, announcementClosedOn: daysBefore(AT, 80) } }))).status, 'SUBMITTED_TO_OPM');
  const late = refusal(
    decideQrb(initialQrbState, submitCommand(submission({ position: { ...submission().position, announcementClosedOn: daysBefore(AT, 81) } }))),
  );
  assert.is(late.rule, 'qrb.submit.window-closed');
  assert.is(late.field, 'position.announcementClosedOn');
  assert.match(late.message, new RegExp(`closed ${daysBefore(AT, 81)}; the 80-day submission window under policy ses-2025-10-01 ended ${daysBefore(AT, 1)}`));
});
window('the 2008 policy allowed 90 days', () => {
  const narratives = Object.fromEntries(ecqsOf('ecq-2006').map((ecq) => [ecq, 'text']));
  const s = (closed: string) =>
    submission({ evidence: { kind: 'ecq-narratives', narratives }, position: { ...submission().position, announcementClosedOn: closed } });
  assert.is(given(submitCommand(s('2019-11-05'), '2020-02-03T10:00:00Z')).status, 'SUBMITTED_TO_OPM');
  assert.match(refusal(decideQrb(initialQrbState, submitCommand(s('2019-11-04'), '2020-02-03T10:00:00Z'))).message, /90-day submission window/);
});
window('an announcement that has not closed yet is refused', () => {
  const open = submission({ position: { ...submission().position, announcementClosedOn: after(3).slice(0, 10) } });
  assert.is(refusal(decideQrb(initialQrbState, submitCommand(open))).rule, 'qrb.submit.announcement-still-open');
});
window.run();

const returns = suite('QRB disapproval and resubmission');
returns('a disapproval returns the case with per-ECQ results and the last day to resubmit', () => {
  const state = disapproved();
  assert.is(state.status, 'DISAPPROVED');
  assert.equal(state.decision?.failingEcqs, ['driving-efficiency']);
  assert.is(state.resubmitBy, after(60).slice(0, 10));
});
returns('one resubmission within 60 days goes to a new board', () => {
  const state = apply(disapproved(), resubmit(after(60)));
  assert.is(state.status, 'SUBMITTED_TO_OPM');
  assert.is(state.round, 2);
  assert.is(state.previousRounds[0]?.decision?.outcome, 'DISAPPROVED');
  const sameBoard = refusal(decideQrb(state, conveneCommand(board(), after(61))));
  assert.is(sameBoard.rule, 'qrb.board.new-board-on-resubmission');
  assert.is(sameBoard.field, 'members.0.id');
  const approved = [conveneCommand(newBoard(), after(61)), ...votesOf(meets, after(62), ['m-ng', 'm-diaz', 'm-roy'])].reduce(apply, state);
  assert.is(approved.status, 'APPROVED');
});
returns('a late resubmission is refused with the dates', () => {
  const late = refusal(decideQrb(disapproved(), resubmit(after(61))));
  assert.is(late.rule, 'qrb.resubmit.window-closed');
  assert.match(late.message, new RegExp(`until ${after(60).slice(0, 10)}, not on ${after(61).slice(0, 10)}`));
});
returns('a second disapproval closes the case; no second resubmission', () => {
  const state = [resubmit(after(10)), conveneCommand(newBoard(), after(11)), ...votesOf(weak, after(12), ['m-ng', 'm-diaz', 'm-roy'])].reduce(
    apply,
    disapproved(),
  );
  assert.is(state.status, 'CLOSED');
  assert.is(state.closure?.reason, 'disapproved-after-resubmission');
  assert.is(refusal(decideQrb(state, resubmit(after(13)))).rule, 'qrb.case-closed');
});
returns('the window closes the case only after its last day', () => {
  const close = (at: string): QrbCommand => ({ type: 'CloseQrbResubmissionWindow', at, actor: { id: 'workflow', role: 'system' } });
  assert.is(refusal(decideQrb(disapproved(), close(after(60)))).rule, 'qrb.resubmit.window-still-open');
  const closed = apply(disapproved(), close(after(61)));
  assert.is(closed.status, 'CLOSED');
  assert.is(closed.closure?.reason, 'resubmission-window-expired');
});
returns.run();

const hold = suite('QRB agency-head transition hold');
hold('a hold pauses an A or C case: no votes until released to where it was', () => {
  const held = given(submitCommand(), conveneCommand(), transition('hold'));
  assert.is(held.status, 'ON_HOLD');
  assert.is(refusal(decideQrb(held, voteCommand('m-lee', meets))).rule, 'qrb.vote.on-hold');
  assert.is(refusal(decideQrb(held, { type: 'RemindQrbVoters', at: AT, actor: { id: 'workflow', role: 'system' } })).rule, 'qrb.reminder.nothing-pending');
  const released = apply(held, transition('release'));
  assert.is(released.status, 'BOARD_CONVENED');
  assert.is(released.hold, null);
});
hold('Criterion B cases are exempt', () => {
  const b = submission({
    criterion: 'B',
    evidence: { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' },
  });
  const error = refusal(decideQrb(given(submitCommand(b)), transition('hold')));
  assert.is(error.rule, 'qrb.hold.criterion-b-exempt');
  assert.match(error.message, /transmittal 758/);
});
hold('a case returned under the hold says so and is closed', () => {
  const returned = given(submitCommand(), transition('hold'), transition('return'));
  assert.is(returned.status, 'RETURNED_UNDER_HOLD');
  assert.equal(returned.closure, { status: 'RETURNED_UNDER_HOLD', at: AT, by: 'opm-kim', reason: 'Secretary announced departure' });
  assert.ok(isQrbClosed(returned));
});
hold('only OPM staff, only pending cases, release only when held', () => {
  const wrong = refusal(decideQrb(given(submitCommand()), { ...transition('hold'), actor: hr }));
  assert.is(wrong.rule, 'qrb.hold.opm-staff-only');
  assert.is(refusal(decideQrb(disapproved(), transition('hold'))).rule, 'qrb.hold.not-pending');
  assert.is(refusal(decideQrb(given(submitCommand()), transition('release'))).rule, 'qrb.hold.not-on-hold');
});
hold.run();

const ending = suite('QRB withdrawal and appointment');
ending('the agency withdraws at any open step, never after the case closed', () => {
  const withdraw: QrbCommand = { type: 'WithdrawQrbCase', at: AT, actor: hr, withdrawal: { withdrawnBy: 'hr-ana', reason: 'Selectee declined the offer' } };
  for (const open of [given(submitCommand()), given(submitCommand(), conveneCommand()), disapproved(), given(submitCommand(), transition('hold'))]) {
    assert.is(apply(open, withdraw).status, 'WITHDRAWN');
  }
  const withdrawn = apply(given(submitCommand()), withdraw);
  assert.is(refusal(decideQrb(withdrawn, withdraw)).rule, 'qrb.case-closed');
  assert.is(refusal(decideQrb(given(submitCommand()), { ...withdraw, actor: { id: 'm-lee', role: 'qrb-member' } })).rule, 'qrb.withdraw.hr-specialist-only');
});
ending('an approval leads to one appointment, not before the approval date', () => {
  const approved = given(submitCommand(), conveneCommand(), ...votesOf(meets));
  const early = refusal(decideQrb(approved, appointment(daysBefore(AT, 1))));
  assert.is(early.rule, 'qrb.appointment.before-approval');
  assert.is(early.field, 'effectiveDate');
  const appointed = apply(approved, appointment(after(14).slice(0, 10)));
  assert.is(appointed.status, 'APPOINTED');
  assert.is(appointed.appointment?.appointmentId, 'EX-1042-1');
  assert.is(refusal(decideQrb(appointed, appointment(after(14).slice(0, 10)))).rule, 'qrb.appointment.already-recorded');
  assert.is(refusal(decideQrb(disapproved(), appointment(after(14).slice(0, 10)))).rule, 'qrb.appointment.not-approved');
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
  let state = apply(initialQrbState, submitCommand());
  const events: QrbEvent[] = [];
  let day = 0;
  const closedAfter: QrbEvent[] = [];
  for (const { make, gap } of steps) {
    day += gap;
    const wasClosed = isQrbClosed(state);
    const decision = decideQrb(state, make(after(day)));
    if (!decision.ok) continue;
    if (wasClosed) closedAfter.push(...decision.events);
    events.push(...decision.events);
    state = decision.events.reduce(evolveQrb, state);
  }
  return { state, events, closedAfter };
};
const stepsArb = fc.array(fc.record({ make: commandArb, gap: fc.integer({ min: 0, max: 40 }) }), { maxLength: 30 });

properties('no command is accepted once the case is closed', () => {
  fc.assert(fc.property(stepsArb, (steps) => run(steps).closedAfter.length === 0));
});
properties('replaying the stored events always equals the live state', () => {
  fc.assert(
    fc.property(stepsArb, (steps) => {
      const first = decideQrb(initialQrbState, submitCommand());
      const { state, events } = run(steps);
      const stored = [...(first.ok ? first.events : []), ...events].map((e) => ({
        type: e.type,
        schemaVersion: 1,
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
      return Date.parse(state.resubmitBy) - Date.parse(state.decision!.decidedAt.slice(0, 10)) === 60 * DAY;
    }),
  );
});
properties.run();
