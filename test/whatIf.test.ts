import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { probationDefinition, type ProbationAction, type ProbationCommand, type ProbationState } from '../domain/probation';
import { type QrbCommand, qrbDefinition } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { stateDiff } from '../domain/stateDiff';
import { whatIf, type WhatIfResult } from '../domain/whatIf';
import { PROBATION_START } from './support/processFixtures';
import { allRatings, board, conveneCommand, submission, submitCommand, voteCommand } from './support/qrbFixtures';
import { driveCase, storedEvents } from './support/recordedCase';

// --- a probation case recorded under the 1-year policy ------------------------
const ONE_YEAR = 'ses-2025-10-01';
const TWO_YEARS = 'what-if-2yr-probation';
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const STREAM = 'probation-EX-1042-1';

const start = (policyVersion?: string): ProbationCommand => probationDefinition.startCommand(PROBATION_START, '2026-01-12T14:00:00.000Z', HR, policyVersion);
const act = (action: ProbationAction, actor: Actor, at: string): ProbationCommand => probationDefinition.actionCommand(action, at, actor);
const assessment = (at: string) =>
  act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the grid-security programme well.' }, SUP, at);
const certification = (at: string) => act({ type: 'CertifyProbation', statement: 'Performance at the level of excellence.' }, AA, at);

const recordProbation = async (commands: ProbationCommand[], until?: string): Promise<RecordedEvent[]> =>
  storedEvents(STREAM, driveCase(probationDefinition, STREAM, commands, { until }).events);

/**
 * The supervisor assesses in time, but the certification comes late: the 1-year period
 * ended (reminders 2026-10-13 and 2026-12-12, overdue from 2027-01-12) and the late
 * certification on 2027-12-20 completes the case.
 */
const lateCertifiedCase = () => recordProbation([start(), assessment('2026-11-02T15:00:00.000Z'), certification('2027-12-20T16:00:00.000Z')]);

const difference = (result: WhatIfResult, path: string) => {
  const found = result.differences.find((d) => d.path === path);
  assert.ok(found, `no difference at ${path}; differences at ${result.differences.map((d) => d.path).join(', ')}`);
  return found!;
};
const types = (run: { events: { type: string }[] }) => run.events.map((e) => e.type);

test('probation recorded under the 1-year policy, re-run under the 2-year what-if: later end, another status at the same instant, reminders moved', async () => {
  const events = await lateCertifiedCase();
  const result = whatIf(probationDefinition, events, TWO_YEARS);

  assert.equal(result.policyVersion, { recorded: ONE_YEAR, whatIf: TWO_YEARS });
  assert.is(result.until, '2027-12-20T16:00:00.000Z', 'both sides stand at the last recorded event');
  assert.equal(types(result.recorded), [
    'ProbationStarted',
    'ProbationCertificationReminderSent',
    'ProbationAssessmentSubmitted',
    'ProbationCertificationReminderSent',
    'ProbationCertificationOverdue',
    'ProbationCertified',
    'ProbationCompleted',
  ]);
  assert.equal(types(result.whatIf), [
    'ProbationStarted',
    'ProbationAssessmentSubmitted',
    'ProbationCertificationReminderSent',
    'ProbationCertificationReminderSent',
    'ProbationCertified',
  ]);
  assert.equal(result.refusedInputs, []);

  assert.equal(difference(result, 'endDate'), { path: 'endDate', recorded: '2027-01-11', whatIf: '2028-01-11' });
  assert.equal(difference(result, 'status'), { path: 'status', recorded: 'COMPLETED', whatIf: 'CERTIFIED' });
  assert.equal(difference(result, 'outcome').recorded, { status: 'COMPLETED', at: '2027-12-20T16:00:00.000Z', endDate: '2027-01-11', late: true });
  assert.is(difference(result, 'outcome').whatIf, null);
  assert.is(difference(result, 'overdueSince').whatIf, null);
  assert.equal(difference(result, 'certification.late'), { path: 'certification.late', recorded: true, whatIf: false });
  // The reminders keep their distance from the end, so they move with it, a year later; at the start of DOE's (Washington's) day.
  assert.equal(difference(result, 'remindersSent.0.at'), {
    path: 'remindersSent.0.at',
    recorded: '2026-10-13T04:00:01.500Z',
    whatIf: '2027-10-13T04:00:00.000Z',
  });
  assert.equal(difference(result, 'remindersSent.1.at'), {
    path: 'remindersSent.1.at',
    recorded: '2026-12-12T05:00:01.500Z',
    whatIf: '2027-12-12T05:00:00.000Z',
  });
});

test('a what-if may run past the record: under the 2-year policy the case completes on time at its own end', async () => {
  const events = await recordProbation(
    [start(), assessment('2026-11-02T15:00:00.000Z'), certification('2026-12-15T16:00:00.000Z')],
    '2027-02-01T00:00:00.000Z',
  );
  const atRecordEnd = whatIf(probationDefinition, events, TWO_YEARS);
  assert.equal(difference(atRecordEnd, 'status'), { path: 'status', recorded: 'COMPLETED', whatIf: 'CERTIFIED' });
  // Certified before they fell due: the 2-year case sends no reminder at all.
  assert.equal(difference(atRecordEnd, 'remindersSent').whatIf, []);

  const later = whatIf(probationDefinition, events, TWO_YEARS, '2028-02-01T00:00:00.000Z');
  assert.is(later.until, '2028-02-01T00:00:00.000Z');
  assert.equal((later.whatIf.state as ProbationState).outcome, { status: 'COMPLETED', at: '2028-01-12T05:00:00.000Z', endDate: '2028-01-11', late: false });
  assert.equal(difference(later, 'outcome.at'), { path: 'outcome.at', recorded: '2027-01-12T05:00:01.500Z', whatIf: '2028-01-12T05:00:00.000Z' });
  assert.is(
    later.differences.some((d) => d.path === 'status'),
    false,
    'both completed',
  );
});

test('an earlier `until` puts both sides at that instant', async () => {
  const events = await lateCertifiedCase();
  const result = whatIf(probationDefinition, events, TWO_YEARS, '2026-12-01T00:00:00.000Z');
  assert.equal(types(result.recorded), ['ProbationStarted', 'ProbationCertificationReminderSent', 'ProbationAssessmentSubmitted']);
  assert.equal(types(result.whatIf), ['ProbationStarted', 'ProbationAssessmentSubmitted']);
  assert.equal(difference(result, 'remindersSent').recorded, [{ daysBeforeEnd: 90, endDate: '2027-01-11', at: '2026-10-13T04:00:01.500Z' }]);
  assert.is(
    result.differences.some((d) => d.path === 'status'),
    false,
    'both still on probation',
  );
});

test('under the policy it was recorded under, the re-run reproduces the record exactly, timer instants included', async () => {
  const events = await lateCertifiedCase();
  const result = whatIf(probationDefinition, events, ONE_YEAR);
  assert.equal(result.differences, []);
  assert.equal(result.whatIf.events, result.recorded.events);
  assert.equal(result.whatIf.state, result.recorded.state);
});

test('an input the other policy refuses is reported, and the re-run goes on without it', async () => {
  // Recorded under the 2-year policy: nonpay in the second year, then assessment and certification.
  const events = await recordProbation([
    start(TWO_YEARS),
    act({ type: 'RecordNonpayPeriod', from: '2027-02-01', to: '2027-02-10' }, HR, '2027-03-01T15:00:00.000Z'),
    assessment('2027-06-01T15:00:00.000Z'),
    certification('2027-07-01T16:00:00.000Z'),
  ]);
  const result = whatIf(probationDefinition, events, ONE_YEAR);
  assert.is(result.refusedInputs.length, 1);
  const [refused] = result.refusedInputs;
  assert.is(refused!.type, 'RecordNonpayPeriod');
  assert.is(refused!.at, '2027-03-01T15:00:00.000Z');
  assert.is(refused!.rule, 'probation.nonpay.period-ended');
  assert.match(refused!.message, /CERTIFICATION_OVERDUE/);
  assert.equal(difference(result, 'status'), { path: 'status', recorded: 'CERTIFIED', whatIf: 'COMPLETED' });
  assert.equal(difference(result, 'nonpayPeriods').whatIf, []);
});

test('an unknown policy version or a bad `until` is an error naming it', async () => {
  const events = await lateCertifiedCase();
  assert.throws(() => whatIf(probationDefinition, events, 'ses-1999'), /unknown policy version "ses-1999"; known: .*what-if-2yr-probation/);
  assert.throws(() => whatIf(probationDefinition, events, TWO_YEARS, 'next tuesday'), /until must be an ISO 8601 instant, not "next tuesday"/);
  assert.throws(() => whatIf(probationDefinition, [], TWO_YEARS), /no events/);
});

// --- QRB: its decider adapted, vote reminders from domain/qrb/timers.ts --------
const QRB_STREAM = 'qrb-QRB-2026-0001';
const recordQrb = async (): Promise<RecordedEvent[]> => {
  const body = submission({ position: { title: 'Deputy Assistant Secretary', agency: 'DOE', announcementClosedOn: '2026-02-20' } });
  const ratings = allRatings('ecq-2025');
  const commands: QrbCommand[] = [
    submitCommand(body, '2026-03-02T14:00:00.000Z'),
    conveneCommand(board(), '2026-03-05T15:00:00.000Z'),
    voteCommand('m-lee', ratings, '2026-03-06T15:00:00.000Z'),
    voteCommand('m-patel', ratings, '2026-03-09T15:00:00.000Z'),
    // m-chen is reminded on 2026-03-12, seven days after the convening, and votes after.
    voteCommand('m-chen', ratings, '2026-03-16T15:00:00.000Z'),
  ];
  return storedEvents(QRB_STREAM, driveCase(qrbDefinition, QRB_STREAM, commands).events);
};

test('QRB: the same policy reproduces the record, vote reminder included', async () => {
  const events = await recordQrb();
  assert.ok(
    events.some((e) => e.type === 'QrbVoteReminderSent' && e.meta.causationId === 'vote-reminder-1-1' && e.meta.occurredAt === '2026-03-12T15:00:01.500Z'),
  );
  const result = whatIf(qrbDefinition, events, 'ses-2025-10-01');
  assert.equal(result.differences, []);
  assert.equal(result.whatIf.events, result.recorded.events);
});

test('QRB: under the 2008 policy the submission is refused (ECQ narratives needed), and so is everything after it', async () => {
  const result = whatIf(qrbDefinition, await recordQrb(), 'ses-2008-01-01');
  assert.equal(
    result.refusedInputs.map((r) => `${r.type} ${r.rule}`),
    [
      'SubmitQrbCase qrb.submit.evidence-for-criterion',
      'ConveneQrbBoard qrb.board.not-awaiting-board',
      'CastQrbVote qrb.vote.no-board',
      'CastQrbVote qrb.vote.no-board',
      'CastQrbVote qrb.vote.no-board',
    ],
  );
  assert.equal(result.whatIf.events, []);
  assert.equal(difference(result, 'status'), { path: 'status', recorded: 'APPROVED', whatIf: 'NOT_SUBMITTED' });
});

// --- stateDiff -----------------------------------------------------------------
test('stateDiff: fields by dotted path, same-length lists item by item, a grown list whole, absent fields undefined', () => {
  const before = { status: 'A', dates: { end: '2027-01-11' }, list: [1, 2], grown: [1], gone: 'x', same: { deep: [{ a: 1 }] } };
  const after = { status: 'B', dates: { end: '2028-01-11' }, list: [1, 3], grown: [1, 2], same: { deep: [{ a: 1 }] }, added: null };
  assert.equal(stateDiff(before, after), [
    { path: 'status', before: 'A', after: 'B' },
    { path: 'dates.end', before: '2027-01-11', after: '2028-01-11' },
    { path: 'list.1', before: 2, after: 3 },
    { path: 'grown', before: [1], after: [1, 2] },
    { path: 'gone', before: 'x', after: undefined },
    { path: 'added', before: undefined, after: null },
  ]);
  assert.equal(stateDiff({ outcome: null }, { outcome: { at: 'x' } }), [{ path: 'outcome', before: null, after: { at: 'x' } }]);
  assert.equal(stateDiff(1, 2), [{ path: '', before: 1, after: 2 }]);
  assert.equal(stateDiff({ a: [{ b: 1 }] }, { a: [{ b: 1 }] }), []);
});

test.run();
