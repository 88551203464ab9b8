import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AGENCY_TIME_ZONES, agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, localDateOf } from '../domain/calendar';
import { ecqsOf } from '../domain/ecqFrameworks';
import { qrbDefinition, type QrbCommand, type QrbEvent, type QrbSubmission } from '../domain/qrb';
import { nextQrbTimer, qrbTimerCommand } from '../domain/qrb/timers';
import { deciderSpecification } from './support/deciderSpecification';
import { allRatings, qrbConvened, qrbSubmitted, qrbVoteCast, submission, submitCommand, voteCommand } from './support/qrbFixtures';

/*
 * Days are the agency's days: every QRB date rule counts calendar days in the zone of the
 * agency that owns the case (the position's), and its timer fires when that agency's day begins.
 */
const spec = deciderSpecification(qrbDefinition);
const AGENCIES = ['DOE', ...Object.keys(AGENCY_TIME_ZONES)];
const weak = { ...allRatings('ecq-2025'), 'driving-efficiency': 'does-not-meet' as const };
const closedOn = (date: string, overrides: Partial<QrbSubmission['position']> = {}): QrbSubmission =>
  submission({ position: { ...submission().position, announcementClosedOn: date, ...overrides } });
const resubmit = (at: string): QrbCommand => ({
  type: 'ResubmitQrbCase',
  at,
  actor: { id: 'hr-ana', role: 'hr-specialist' },
  resubmission: { resubmittedBy: 'hr-ana', evidence: { kind: 'resume-and-interview', resume: 'Revised: grid security results.' } },
});
/** Submitted, convened and voted down by every member, the last vote at `at`: the events the decider gives for that vote. */
const disapproved = (s: QrbSubmission, at: string): QrbEvent[] => {
  const given = [qrbSubmitted(s, at), qrbConvened(undefined, at), qrbVoteCast('m-lee', weak, at), qrbVoteCast('m-patel', weak, at)];
  const decision = qrbDefinition.decide(spec.stateAfter(given), voteCommand('m-chen', weak, at));
  if (!decision.ok) throw new Error(decision.error.message);
  return [...given, ...decision.events];
};

// --- the example ----------------------------------------------------------------------
const example = suite("QRB: the agency's days (the issue's example)");
example('announcement closed 2025-11-01, 80-day window ends 2026-01-20: 8 pm Eastern that day is on time, 00:30 the next day late', () => {
  const s = closedOn('2025-11-01');
  spec
    .given([])
    .when(submitCommand(s, '2026-01-20T20:00:00-05:00'))
    .then([qrbSubmitted(s, '2026-01-20T20:00:00-05:00')]);
  spec.given([]).when(submitCommand(s, '2026-01-21T00:30:00-05:00')).thenRefused('qrb.submit.window-closed', {
    field: 'position.announcementClosedOn',
    message: 'the 80-day submission window under policy ses-2025-10-01 ended 2026-01-20, before this submission on 2026-01-21',
  });
});
example('the same instant is on time for a Portland (BPA) position and late for a Washington one: 07:59Z on the 21st is still the 20th in Portland', () => {
  const at = '2026-01-21T07:59:59.999Z';
  spec
    .given([])
    .when(submitCommand(closedOn('2025-11-01', { agency: 'BPA' }), at))
    .thenEvents((_, after) => assert.is(after.status, 'SUBMITTED_TO_OPM'));
  spec
    .given([])
    .when(submitCommand(closedOn('2025-11-01'), at))
    .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: 'ended 2026-01-20' });
  spec
    .given([])
    .when(submitCommand(closedOn('2025-11-01', { agency: 'BPA' }), '2026-01-21T08:00:00.000Z'))
    .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: 'before this submission on 2026-01-21' });
});
example('the resubmission window: returned at 10 pm Eastern on 31 January, resubmissions are taken through 1 April (Eastern), not 2 April', () => {
  const returnedAt = '2026-02-01T03:00:00.000Z'; // 2026-01-31T22:00-05:00
  const returned = disapproved(closedOn('2026-01-10'), returnedAt);
  assert.is(spec.stateAfter(returned).resubmitBy, '2026-04-01');
  spec
    .given(returned)
    .when(resubmit('2026-04-01T23:30:00-04:00'))
    .thenEvents((_, after) => assert.is(after.status, 'SUBMITTED_TO_OPM'));
  spec
    .given(returned)
    .when(resubmit('2026-04-02T00:30:00-04:00'))
    .thenRefused('qrb.resubmit.window-closed', { message: 'returned 2026-01-31; resubmissions were taken until 2026-04-01, not on 2026-04-02' });
  // The window's timer fires when 2 April begins in Washington (daylight time: 04:00Z), and its command is taken from then on.
  const timer = nextQrbTimer(spec.stateAfter(returned))!;
  assert.equal(timer, { kind: 'resubmission-window-closes', dueAt: '2026-04-02T04:00:00.000Z' });
  spec.given(returned).when(qrbTimerCommand(timer, '2026-04-02T03:59:59.999Z')).thenRefused('qrb.resubmit.window-still-open');
  spec
    .given(returned)
    .when(qrbTimerCommand(timer, timer.dueAt))
    .thenEvents((_, after) => assert.is(after.closure?.reason, 'resubmission-window-expired'));
});
example('a case submitted before agency days (its commands marked daysIn UTC by the workflow) keeps UTC days and its 00:00 UTC timer', () => {
  const utc = (command: QrbCommand): QrbCommand => Object.assign({}, command, { daysIn: 'UTC' as const });
  spec
    .given([])
    .when(utc(submitCommand(closedOn('2025-11-01'), '2026-01-20T20:00:00-05:00')))
    .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: 'before this submission on 2026-01-21' });
  const returned = disapproved(closedOn('2026-01-10'), '2026-01-31T12:00:00.000Z');
  assert.equal(nextQrbTimer(spec.stateAfter(returned), 'UTC'), { kind: 'resubmission-window-closes', dueAt: '2026-04-02T00:00:00.000Z' });
  spec
    .given(returned)
    .when(utc(resubmit('2026-04-01T22:00:00-04:00')))
    .thenRefused('qrb.resubmit.window-closed', { message: 'until 2026-04-01, not on 2026-04-02' });
});
example.run();

// --- policy by the agency's date, and before the first policy ----------------------------------
const policy = suite("QRB: the policy is chosen by the agency's date of the submission");
const narratives = Object.fromEntries(ecqsOf('ecq-2006').map((ecq) => [ecq, 'text']));
const narrativeCase = (closed: string) =>
  submission({ evidence: { kind: 'ecq-narratives', narratives }, position: { ...submission().position, announcementClosedOn: closed } });
policy('10 pm Eastern on 28 May 2025 (02:00Z on the 29th) is still under the 2008 policy, whose window rules the case', () => {
  spec
    .given([])
    .when(submitCommand(narrativeCase('2025-03-01'), '2025-05-29T02:00:00.000Z'))
    .thenEvents((events, after) => {
      assert.is(after.policyVersion, 'ses-2008-01-01');
      assert.is(events[0]?.type === 'QrbCaseSubmitted' && events[0].data.ecqFramework, 'ecq-2006');
    });
  // 2025-03-01 + 88 days: inside the 2008 policy's 90 days, outside the 80 of the policy from 29 May.
  spec
    .given([])
    .when(submitCommand(closedOn('2025-03-01'), '2025-05-29T04:00:00.000Z'))
    .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: '80-day submission window under policy ses-2025-05-29' });
});
policy('a submission dated before the first policy version is refused naming the earliest date, never thrown; even at 9 pm Eastern on 31 December 2007', () => {
  spec
    .given([])
    .when(submitCommand(narrativeCase('2007-12-01'), '2007-12-31T12:00:00.000Z'))
    .thenRefused('qrb.submit.before-first-policy', {
      field: 'at',
      kind: 'invalid',
      message: 'no policy version is in force on 2007-12-31; the earliest takes effect 2008-01-01',
    });
  spec
    .given([])
    .when(submitCommand(narrativeCase('2007-12-01'), '2008-01-01T02:00:00.000Z'))
    .thenRefused('qrb.submit.before-first-policy', { field: 'at', message: 'in force on 2007-12-31' });
  spec
    .given([])
    .when({ ...submitCommand(narrativeCase('2007-12-01'), '2007-12-31T12:00:00.000Z'), policyVersion: 'ses-1999' } as QrbCommand)
    .thenRefused('qrb.submit.unknown-policy-version', { field: 'policyVersion', message: 'unknown policy version "ses-1999"' });
});
policy.run();

// --- Criterion B -------------------------------------------------------------------------------
const criterionB = suite('QRB: Criterion B is certified without a submission window');
const cdp = { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' } as const;
criterionB('a CDP graduate needs no closing date; one given, however old, is recorded and not checked', () => {
  const { announcementClosedOn: _none, ...position } = submission().position;
  const b = submission({ criterion: 'B', evidence: cdp, position });
  spec
    .given([])
    .when(submitCommand(b, '2026-03-02T15:00:00.000Z'))
    .thenEvents((events, after) => {
      assert.is(events[0]?.type === 'QrbCaseSubmitted' && events[0].data.submission.position.announcementClosedOn, null);
      assert.is(after.status, 'SUBMITTED_TO_OPM');
    });
  spec
    .given([])
    .when(
      submitCommand(submission({ criterion: 'B', evidence: cdp, position: { ...position, announcementClosedOn: '2020-01-01' } }), '2026-03-02T15:00:00.000Z'),
    )
    .thenEvents((events) => assert.is(events[0]?.type === 'QrbCaseSubmitted' && events[0].data.submission.position.announcementClosedOn, '2020-01-01'));
});
criterionB('a Criterion A or C case without a closing date is refused naming the field', () => {
  const { announcementClosedOn: _none, ...position } = submission().position;
  spec
    .given([])
    .when(submitCommand(submission({ position }), '2026-03-02T15:00:00.000Z'))
    .thenRefused('qrb.submit.announcement-closing-date-required', { field: 'position.announcementClosedOn', kind: 'invalid' });
  spec
    .given([])
    .when(
      submitCommand(
        submission({ criterion: 'C', position, evidence: { kind: 'criterion-c-justification', justification: 'Unique.', developmentPlan: 'Coaching.' } }),
        '2026-03-02T15:00:00.000Z',
      ),
    )
    .thenRefused('qrb.submit.announcement-closing-date-required', { field: 'position.announcementClosedOn' });
});
criterionB.run();

// --- properties --------------------------------------------------------------------------------
const props = suite("QRB: the agency's days, properties");
const agencyArb = fc.constantFrom(...AGENCIES);
const closingArb = fc.integer({ min: 0, max: 5 * 366 }).map((n) => addDays('2026-01-01', n));
/** A moment of a day, as a fraction of it (a DST day is 23 or 25 hours long). */
const momentArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const within = (date: string, agency: string, moment: number): string => {
  const start = Date.parse(agencyDayStart(date, agency));
  const end = Date.parse(agencyDayStart(addDays(date, 1), agency));
  return new Date(start + Math.floor(moment * (end - start))).toISOString();
};

props("property: any time of the agency's last allowed day is on time, any time of the next day is late, in every zone", () => {
  fc.assert(
    fc.property(agencyArb, closingArb, momentArb, momentArb, (agency, closed, onTime, late) => {
      const s = closedOn(closed, { agency });
      const lastDay = addDays(closed, 80);
      spec
        .given([])
        .when(submitCommand(s, within(lastDay, agency, onTime)))
        .thenEvents((_, after) => assert.is(after.status, 'SUBMITTED_TO_OPM'));
      spec
        .given([])
        .when(submitCommand(s, within(addDays(lastDay, 1), agency, late)))
        .thenRefused('qrb.submit.window-closed', { field: 'position.announcementClosedOn', message: `ended ${lastDay}` });
    }),
    { numRuns: 300 },
  );
});
props("property: a return counts 60 agency days; the window's timer fires at the agency's midnight after the last day, DST days included", () => {
  const returnArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2026-02-01', n));
  fc.assert(
    fc.property(agencyArb, returnArb, momentArb, momentArb, (agency, returnedOn, moment, resubmitMoment) => {
      const returned = disapproved(closedOn(addDays(returnedOn, -30), { agency }), within(returnedOn, agency, moment));
      const state = spec.stateAfter(returned);
      const resubmitBy = addDays(returnedOn, 60);
      assert.is(state.resubmitBy, resubmitBy);
      const timer = nextQrbTimer(state)!;
      const zone = AGENCY_TIME_ZONES[agency] ?? 'America/New_York';
      assert.is(localDateOf(timer.dueAt, zone), addDays(resubmitBy, 1));
      assert.is(localDateOf(new Date(Date.parse(timer.dueAt) - 1).toISOString(), zone), resubmitBy);
      spec
        .given(returned)
        .when(resubmit(within(resubmitBy, agency, resubmitMoment)))
        .thenEvents((_, after) => assert.is(after.round, 2));
      spec
        .given(returned)
        .when(resubmit(within(addDays(resubmitBy, 1), agency, resubmitMoment)))
        .thenRefused('qrb.resubmit.window-closed');
    }),
    { numRuns: 200 },
  );
});
props.run();
