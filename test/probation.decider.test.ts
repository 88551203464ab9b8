import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, addYears, daysBetween } from '../domain/calendar';
import type { Decision, DomainError } from '../domain/domainError';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import {
  PROBATION_EVENT_SCHEMA_VERSION,
  ProbationActionSchema,
  ProbationStartSchema,
  decideProbation,
  evolveProbation,
  initialProbationState,
  isProbationTerminal,
  nextProbationTimer,
  probationDefinition,
  probationEndDate,
  timerCommand,
  type ProbationAction,
  type ProbationCommand,
  type ProbationEvent,
  type ProbationStart,
  type ProbationState,
} from '../domain/probation';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';

// --- fixtures ---------------------------------------------------------------
const EFFECTIVE = '2026-01-12';
const START_AT = '2026-01-12T14:00:00.000Z';
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };

const startBody = (overrides: Partial<ProbationStart> = {}): ProbationStart => ({
  caseId: 'EX-1042-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: EFFECTIVE,
  criterion: 'A',
  priorTenure: 'career',
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
  ...overrides,
});
const startCmd = (overrides: Partial<ProbationStart> = {}, policyVersion?: string, actor: Actor = HR, at = START_AT): ProbationCommand =>
  probationDefinition.startCommand(startBody(overrides), at, actor, policyVersion);
const act = (action: ProbationAction, actor: Actor, at: string): ProbationCommand => probationDefinition.actionCommand(action, at, actor);
const day = (date: string) => `${date}T12:00:00.000Z`;

const given = (...commands: ProbationCommand[]): ProbationState =>
  commands.reduce((state, command) => {
    const decision = decideProbation(state, command);
    if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.rule}: ${decision.error.message}`);
    return decision.events.reduce(evolveProbation, state);
  }, initialProbationState);

const refusal = (decision: Decision<ProbationEvent>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
};
const events = (decision: Decision<ProbationEvent>): ProbationEvent[] => {
  if (!decision.ok) throw new Error(`expected events, got refusal ${decision.error.rule}: ${decision.error.message}`);
  return decision.events;
};
const expectRefusal = (state: ProbationState, command: ProbationCommand, rule: string, field?: string, kind?: 'invalid' | 'conflict') => {
  const error = refusal(decideProbation(state, command));
  assert.is(error.rule, rule, error.message);
  assert.is(error.field, field, `field of ${rule}`);
  if (kind) assert.is(error.kind, kind);
  return error;
};
const started = (overrides: Partial<ProbationStart> = {}) => given(startCmd(overrides));
const assessed = (at = day('2026-09-01')) =>
  given(startCmd(), act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent first year.' }, SUP, at));
const certify = (at: string) => act({ type: 'CertifyProbation', statement: 'Performance at the level of excellence.' }, AA, at);
const remove = (overrides: Partial<Extract<ProbationAction, { type: 'ProposeRemoval' }>> = {}, at = day('2026-06-01')) =>
  act(
    {
      type: 'ProposeRemoval',
      ground: 'performance',
      noticeDate: '2026-06-01',
      effectiveDate: '2026-07-01',
      reasons: 'Unacceptable performance.',
      ...overrides,
    },
    AA,
    at,
  );
const fire = (state: ProbationState, at?: string): ProbationState => {
  const timer = nextProbationTimer(state);
  if (!timer) throw new Error('no timer');
  return events(decideProbation(state, timerCommand(timer, at ?? timer.dueAt))).reduce(evolveProbation, state);
};

// --- start ------------------------------------------------------------------
const start = suite('probation: start');
start('an HR specialist starts the case; it pins the policy in force and the end date one year on', () => {
  const [event] = events(decideProbation(initialProbationState, startCmd()));
  assert.is(event?.type, 'ProbationStarted');
  assert.equal(event?.data, { start: startBody(), policyVersion: 'ses-2025-10-01', lengthYears: 1, endDate: '2027-01-11' });
  const state = started();
  assert.is(state.status, 'ON_PROBATION');
  assert.is(state.endDate, '2027-01-11', 'the last day of the year starting 2026-01-12');
});
start('the 2-year what-if policy is loaded only when asked for, and doubles the period', () => {
  const state = given(startCmd({}, 'what-if-2yr-probation'));
  assert.is(state.policyVersion, 'what-if-2yr-probation');
  assert.is(state.endDate, '2028-01-11');
  assert.is(started().policyVersion, 'ses-2025-10-01', 'the default is not the what-if');
  expectRefusal(initialProbationState, startCmd({}, 'what-if-10yr'), 'probation.start.unknown-policy-version', 'policyVersion', 'invalid');
});
start('refusals: role, actor, separation of duties, Criterion C activities, stale period, second start', () => {
  expectRefusal(initialProbationState, startCmd({}, undefined, SUP), 'probation.start.hr-specialist-only', undefined, 'invalid');
  expectRefusal(initialProbationState, startCmd({}, undefined, { id: 'hr-bo', role: 'hr-specialist' }), 'probation.start.starter-is-actor', 'startedBy');
  expectRefusal(initialProbationState, startCmd({ supervisorId: 'ex-rivera' }), 'probation.start.separation-of-duties', 'supervisorId');
  expectRefusal(initialProbationState, startCmd({ appointingAuthorityId: 'ex-rivera' }), 'probation.start.separation-of-duties', 'appointingAuthorityId');
  expectRefusal(initialProbationState, startCmd({ criterion: 'C' }), 'probation.start.criterion-c-activities', 'developmentActivities');
  expectRefusal(
    initialProbationState,
    startCmd({ criterion: 'B', developmentActivities: ['Detail'] }),
    'probation.start.activities-only-for-criterion-c',
    'developmentActivities',
  );
  expectRefusal(initialProbationState, startCmd({ appointmentEffectiveDate: '2024-01-02' }), 'probation.start.period-already-over', 'appointmentEffectiveDate');
  expectRefusal(started(), startCmd(), 'probation.start.already-started', undefined, 'conflict');
});
start('the start body is validated by zod, naming the field', () => {
  const bad = ProbationStartSchema.safeParse({ ...startBody(), caseId: 'x', appointmentEffectiveDate: '2026-13-40' });
  assert.not.ok(bad.success);
  assert.equal(bad.error?.issues.map((i) => i.path.join('.')).sort(), ['appointmentEffectiveDate', 'caseId']);
  assert.not.ok(
    ProbationActionSchema.safeParse({ type: 'ProposeRemoval', ground: 'politics', noticeDate: '2026-01-01', effectiveDate: '2026-02-01', reasons: 'x' })
      .success,
  );
});
start.run();

// --- nonpay and transfer -------------------------------------------------------
const clock = suite('probation: nonpay status and transfer');
clock('the first 30 nonpay days count; each further day extends the end date day for day', () => {
  const counted = act({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-03-30' }, HR, day('2026-04-01'));
  const first = given(startCmd(), counted);
  assert.is(first.nonpayDays, 30);
  assert.is(first.endDate, '2027-01-11', '30 days count: no extension');
  const [recorded, extended] = events(decideProbation(first, act({ type: 'RecordNonpayPeriod', from: '2026-05-01', to: '2026-05-10' }, HR, day('2026-05-11'))));
  assert.is(recorded?.type, 'ProbationNonpayRecorded');
  assert.equal(extended, {
    type: 'ProbationEndDateExtended',
    data: { previousEndDate: '2027-01-11', endDate: '2027-01-21', extensionDays: 10, nonpayDaysBeyondCounted: 10 },
    occurredAt: day('2026-05-11'),
  });
});
clock('nonpay refusals: role, range, before the appointment, after the end, overlap, after the period', () => {
  const s = started();
  const nonpay = (from: string, to: string, actor: Actor = HR) => act({ type: 'RecordNonpayPeriod', from, to }, actor, day('2026-04-01'));
  expectRefusal(s, nonpay('2026-03-01', '2026-03-02', SUP), 'probation.nonpay.hr-specialist-only');
  expectRefusal(s, nonpay('2026-03-05', '2026-03-02'), 'probation.nonpay.range', 'to');
  expectRefusal(s, nonpay('2026-01-01', '2026-01-20'), 'probation.nonpay.before-appointment', 'from');
  expectRefusal(s, nonpay('2027-02-01', '2027-02-20'), 'probation.nonpay.after-end', 'from');
  const once = given(startCmd(), nonpay('2026-03-01', '2026-03-10'));
  expectRefusal(once, nonpay('2026-03-10', '2026-03-12'), 'probation.nonpay.overlap', 'from', 'conflict');
  const overdue = fire(fire(fire(started())));
  assert.is(overdue.status, 'CERTIFICATION_OVERDUE');
  expectRefusal(overdue, nonpay('2026-03-01', '2026-03-02'), 'probation.nonpay.period-ended', undefined, 'conflict');
});
clock('a transfer to another agency keeps the clock: same end date, new agency and officials', () => {
  const transfer = act(
    { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' },
    HR,
    day('2026-06-01'),
  );
  const s = given(startCmd(), transfer);
  assert.is(s.endDate, '2027-01-11');
  assert.is(s.agency, 'NASA');
  assert.is(s.appointingAuthorityId, 'aa-kim');
  assert.equal(s.transfers, [{ fromAgency: 'DOE', toAgency: 'NASA', effectiveDate: '2026-06-01' }]);
  // The old officials no longer act on the case.
  expectRefusal(
    s,
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'x' }, SUP, day('2026-07-01')),
    'probation.assessment.case-supervisor-only',
  );
  const t = (o: Partial<Extract<ProbationAction, { type: 'RecordTransfer' }>>, actor: Actor = HR) =>
    act(
      { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim', ...o },
      actor,
      day('2026-06-01'),
    );
  expectRefusal(started(), t({}, AA), 'probation.transfer.hr-specialist-only');
  expectRefusal(started(), t({ toAgency: 'DOE' }), 'probation.transfer.same-agency', 'toAgency');
  expectRefusal(started(), t({ effectiveDate: '2027-03-01' }), 'probation.transfer.outside-period', 'effectiveDate');
  expectRefusal(started(), t({ supervisorId: 'ex-rivera' }), 'probation.transfer.separation-of-duties', 'supervisorId');
  expectRefusal(given(startCmd(), remove()), t({}), 'probation.transfer.removal-pending', undefined, 'conflict');
});
clock.run();

// --- assessment and certification ----------------------------------------------
const cert = suite('probation: assessment and certification');
cert('assessment by the case supervisor, then written certification; completion when the end date has passed', () => {
  const certified = given(
    startCmd(),
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent.' }, SUP, day('2026-09-01')),
    certify(day('2026-10-01')),
  );
  assert.is(certified.status, 'CERTIFIED');
  assert.equal(nextProbationTimer(certified), { kind: 'end-of-period', dueAt: '2027-01-12T00:00:00.000Z' });
  expectRefusal(certified, timerCommand(nextProbationTimer(certified)!, '2027-01-11T23:59:59.000Z'), 'probation.end.not-yet');
  const [completed] = events(decideProbation(certified, timerCommand(nextProbationTimer(certified)!, '2027-01-12T00:00:00.000Z')));
  assert.equal(completed, { type: 'ProbationCompleted', data: { endDate: '2027-01-11', late: false }, occurredAt: '2027-01-12T00:00:00.000Z' });
});
cert('no certification by the end date: certification overdue, never completed; a late certification completes it, marked late', () => {
  const overdue = fire(fire(fire(assessed())));
  assert.is(overdue.status, 'CERTIFICATION_OVERDUE');
  assert.is(overdue.overdueSince, '2027-01-12T00:00:00.000Z');
  assert.is(nextProbationTimer(overdue), null, 'nothing completes it but a certification');
  const [certified, completed] = events(decideProbation(overdue, certify(day('2027-02-01'))));
  assert.equal(certified?.data, { appointingAuthorityId: 'aa-wong', statement: 'Performance at the level of excellence.', late: true });
  assert.equal(completed?.data, { endDate: '2027-01-11', late: true });
  const done = [certified!, completed!].reduce(evolveProbation, overdue);
  assert.is(done.status, 'COMPLETED');
  assert.equal(done.outcome, { status: 'COMPLETED', at: day('2027-02-01'), endDate: '2027-01-11', late: true });
});
cert('certification refusals: not the case appointing authority, no assessment, unfavourable assessment, twice, removal pending', () => {
  expectRefusal(
    assessed(),
    act({ type: 'CertifyProbation', statement: 'ok' }, { id: 'aa-other', role: 'appointing-authority' }, day('2026-10-01')),
    'probation.certify.case-appointing-authority-only',
  );
  expectRefusal(
    assessed(),
    act({ type: 'CertifyProbation', statement: 'ok' }, { id: 'aa-wong', role: 'supervisor' }, day('2026-10-01')),
    'probation.certify.case-appointing-authority-only',
  );
  expectRefusal(started(), certify(day('2026-10-01')), 'probation.certify.assessment-required', undefined, 'conflict');
  const poor = given(startCmd(), act({ type: 'SubmitAssessment', conclusion: 'does-not-meet', summary: 'Below expectations.' }, SUP, day('2026-09-01')));
  expectRefusal(poor, certify(day('2026-10-01')), 'probation.certify.assessment-not-favourable');
  const once = given(
    startCmd(),
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok' }, SUP, day('2026-09-01')),
    certify(day('2026-10-01')),
  );
  expectRefusal(once, certify(day('2026-10-02')), 'probation.certify.already-certified');
  const pending = given(
    startCmd(),
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok' }, SUP, day('2026-05-01')),
    remove(),
  );
  expectRefusal(pending, certify(day('2026-06-10')), 'probation.certify.removal-pending');
});
cert('assessment refusals; a Criterion C assessment must address every promised development activity (317.503(b))', () => {
  const activities = ['Detail to OMB', 'Federal Executive Institute'];
  const c = started({ criterion: 'C', developmentActivities: activities });
  const assess = (addressed: string[] | undefined, actor: Actor = SUP) =>
    act(
      { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok', ...(addressed ? { developmentActivitiesAddressed: addressed } : {}) },
      actor,
      day('2026-09-01'),
    );
  const error = expectRefusal(c, assess(['Detail to OMB']), 'probation.assessment.criterion-c-activities', 'developmentActivitiesAddressed');
  assert.match(error.message, 'Federal Executive Institute');
  expectRefusal(c, assess(undefined), 'probation.assessment.criterion-c-activities', 'developmentActivitiesAddressed');
  assert.is(events(decideProbation(c, assess(activities)))[0]?.type, 'ProbationAssessmentSubmitted');
  expectRefusal(started(), assess(undefined, { id: 'sup-other', role: 'supervisor' }), 'probation.assessment.case-supervisor-only');
  expectRefusal(started(), assess(undefined, { id: 'sup-ortiz', role: 'hr-specialist' }), 'probation.assessment.case-supervisor-only');
  const certified = given(startCmd(), assess(undefined), certify(day('2026-10-01')));
  expectRefusal(certified, assess(undefined), 'probation.assessment.already-certified', undefined, 'conflict');
  expectRefusal(given(startCmd(), remove()), assess(undefined), 'probation.assessment.removal-pending', undefined, 'conflict');
});
cert('reminders 90 and 30 days before the end date, to the supervisor while no assessment exists', () => {
  const s = started();
  assert.equal(nextProbationTimer(s), { kind: 'certification-reminder', daysBeforeEnd: 90, dueAt: `${addDays('2027-01-11', -90)}T00:00:00.000Z` });
  const early = expectRefusal(
    s,
    { type: 'SendCertificationReminder', at: day('2026-10-01'), actor: SYSTEM_ACTOR, daysBeforeEnd: 90 },
    'probation.reminder.not-due',
    'daysBeforeEnd',
  );
  assert.match(early.message, '2026-10-13');
  const after90 = fire(s);
  assert.equal(
    after90.remindersSent.map((r) => r.daysBeforeEnd),
    [90],
  );
  assert.equal(nextProbationTimer(after90), { kind: 'certification-reminder', daysBeforeEnd: 30, dueAt: '2026-12-12T00:00:00.000Z' });
  const [reminder] = events(decideProbation(after90, timerCommand(nextProbationTimer(after90)!, '2026-12-12T00:00:00.000Z')));
  assert.equal(reminder?.data, { daysBeforeEnd: 30, endDate: '2027-01-11', assessmentSubmitted: false, recipientIds: ['sup-ortiz', 'aa-wong'] });
  expectRefusal(
    after90,
    { type: 'SendCertificationReminder', at: day('2026-12-20'), actor: SYSTEM_ACTOR, daysBeforeEnd: 90 },
    'probation.reminder.already-sent',
    'daysBeforeEnd',
  );
  expectRefusal(
    s,
    { type: 'SendCertificationReminder', at: day('2026-12-20'), actor: SYSTEM_ACTOR, daysBeforeEnd: 45 },
    'probation.reminder.not-in-policy',
    'daysBeforeEnd',
  );
  expectRefusal(s, { type: 'SendCertificationReminder', at: day('2026-12-20'), actor: HR, daysBeforeEnd: 30 }, 'probation.reminder.system-only');
  expectRefusal(s, { type: 'ReachProbationEnd', at: day('2027-02-20'), actor: AA }, 'probation.end.system-only');
  const certified = given(
    startCmd(),
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok' }, SUP, day('2026-05-01')),
    certify(day('2026-05-02')),
  );
  assert.is(nextProbationTimer(certified)?.kind, 'end-of-period', 'a certified case is not reminded');
});
cert('an extension moves the pending reminders and the end', () => {
  const extended = given(startCmd(), act({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-04-19' }, HR, day('2026-04-20')));
  assert.is(extended.endDate, '2027-01-31', '50 nonpay days: 20 beyond the counted 30');
  assert.is(nextProbationTimer(extended)?.dueAt, '2026-11-02T00:00:00.000Z');
  const end = fire(fire(fire(extended)));
  assert.is(end.status, 'CERTIFICATION_OVERDUE');
  assert.is(end.overdueSince, '2027-02-01T00:00:00.000Z');
});
cert.run();

// --- removal --------------------------------------------------------------------
const removal = suite('probation: removal during probation (5 CFR 359 subpart D)');
removal('the ground decides placement: performance with prior career tenure gives GS-15 or above; misconduct and pre-appointment conditions none', () => {
  const placement = (ground: 'performance' | 'misconduct' | 'pre-appointment-conditions', priorTenure: ProbationStart['priorTenure']) => {
    const [event] = events(
      decideProbation(started({ priorTenure }), remove({ ground, ...(ground === 'pre-appointment-conditions' ? { replyBy: '2026-06-15' } : {}) })),
    );
    return event?.type === 'ProbationRemovalProposed' ? event.data.placementRight : null;
  };
  assert.is(placement('performance', 'career'), 'gs-15-or-above');
  assert.is(placement('performance', 'career-conditional'), 'gs-15-or-above');
  assert.is(placement('performance', 'none'), 'none');
  assert.is(placement('misconduct', 'career'), 'none');
  assert.is(placement('pre-appointment-conditions', 'career'), 'none');
});
removal('conditions arising before the appointment: a reply period after the notice and before the effective date (359.404)', () => {
  const s = started();
  expectRefusal(s, remove({ ground: 'pre-appointment-conditions' }), 'probation.removal.reply-period-required', 'replyBy');
  expectRefusal(s, remove({ ground: 'pre-appointment-conditions', replyBy: '2026-06-01' }), 'probation.removal.reply-period', 'replyBy');
  expectRefusal(s, remove({ ground: 'pre-appointment-conditions', replyBy: '2026-07-01' }), 'probation.removal.reply-period', 'replyBy');
  expectRefusal(s, remove({ ground: 'misconduct', replyBy: '2026-06-15' }), 'probation.removal.reply-period-only-for-pre-appointment', 'replyBy');
  const proposed = given(startCmd(), remove({ ground: 'pre-appointment-conditions', replyBy: '2026-06-15' }));
  assert.is(proposed.removal?.replyBy, '2026-06-15');
  assert.is(proposed.removal?.placementRight, 'none');
});
removal('a proposed removal takes effect on its date; the probationer is removed with the placement right', () => {
  const proposed = given(startCmd(), remove());
  assert.is(proposed.status, 'REMOVAL_PROPOSED');
  assert.equal(nextProbationTimer(proposed), { kind: 'removal-effective', dueAt: '2026-07-01T00:00:00.000Z' });
  expectRefusal(proposed, { type: 'EffectRemoval', at: '2026-06-30T23:00:00.000Z', actor: SYSTEM_ACTOR }, 'probation.removal.not-yet-effective');
  const removed = fire(proposed);
  assert.is(removed.status, 'REMOVED');
  assert.equal(removed.outcome, {
    status: 'REMOVED',
    at: '2026-07-01T00:00:00.000Z',
    effectiveDate: '2026-07-01',
    ground: 'performance',
    placementRight: 'gs-15-or-above',
  });
});
removal('refusals: notice before the effective date, dates, role, state', () => {
  const s = started();
  expectRefusal(s, remove({ effectiveDate: '2026-06-01' }), 'probation.removal.notice-before-effective-date', 'effectiveDate');
  expectRefusal(s, remove({ noticeDate: '2026-06-02' }), 'probation.removal.notice-not-given', 'noticeDate');
  expectRefusal(s, remove({ noticeDate: '2025-12-01' }), 'probation.removal.notice-before-appointment', 'noticeDate');
  expectRefusal(s, remove({ noticeDate: '2026-05-01', effectiveDate: '2026-05-15' }), 'probation.removal.effective-date-passed', 'effectiveDate');
  expectRefusal(s, remove({ effectiveDate: '2027-01-12' }), 'probation.removal.after-probation', 'effectiveDate');
  expectRefusal(
    s,
    act({ type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' }, SUP, day('2026-06-01')),
    'probation.removal.case-appointing-authority-only',
  );
  expectRefusal(given(startCmd(), remove()), remove(), 'probation.removal.already-proposed', undefined, 'conflict');
  const certified = given(
    startCmd(),
    act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok' }, SUP, day('2026-05-01')),
    certify(day('2026-05-02')),
  );
  expectRefusal(certified, remove(), 'probation.removal.not-on-probation', undefined, 'conflict');
  expectRefusal(s, act({ type: 'WithdrawRemoval', reason: 'x' }, AA, day('2026-06-01')), 'probation.removal.none-pending', undefined, 'conflict');
  expectRefusal(
    given(startCmd(), remove()),
    act({ type: 'WithdrawRemoval', reason: 'x' }, SUP, day('2026-06-02')),
    'probation.removal.case-appointing-authority-only',
  );
});
removal('a withdrawn removal returns the case to probation and its timers', () => {
  const withdrawn = given(startCmd(), remove(), act({ type: 'WithdrawRemoval', reason: 'Performance improved.' }, AA, day('2026-06-15')));
  assert.is(withdrawn.status, 'ON_PROBATION');
  assert.is(withdrawn.removal, null);
  assert.is(withdrawn.withdrawnRemovals[0]?.reason, 'Performance improved.');
  assert.is(nextProbationTimer(withdrawn)?.kind, 'certification-reminder');
});
removal('the 120-day moratorium after a new agency head or noncareer supervisor blocks covered removals, and says until when', () => {
  const head = act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-04-01' }, HR, day('2026-04-02'));
  const s = given(startCmd(), head);
  assert.equal(s.moratoria, [{ trigger: 'new-agency-head', agency: 'DOE', effectiveDate: '2026-04-01', until: '2026-07-30' }]);
  const error = expectRefusal(s, remove(), 'probation.removal.moratorium', 'effectiveDate', 'conflict');
  assert.match(error.message, 'blocked until 2026-07-30');
  assert.match(error.message, 'earliest effective date is 2026-07-31');
  assert.is(events(decideProbation(s, remove({ effectiveDate: '2026-07-31' })))[0]?.type, 'ProbationRemovalProposed');
  const sup = act(
    { type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: '2026-05-01', removalAuthority: true },
    HR,
    day('2026-05-01'),
  );
  assert.match(
    expectRefusal(given(startCmd(), sup), remove({ effectiveDate: '2026-07-31' }), 'probation.removal.moratorium', 'effectiveDate').message,
    'until 2026-08-29',
  );
  expectRefusal(
    started(),
    act({ type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: '2026-05-01' }, HR, day('2026-05-01')),
    'probation.moratorium.supervisor-without-removal-authority',
    'removalAuthority',
  );
  expectRefusal(
    started(),
    act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-02' }, HR, day('2026-05-01')),
    'probation.moratorium.future-change',
    'effectiveDate',
  );
  expectRefusal(
    started(),
    act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-01' }, AA, day('2026-05-01')),
    'probation.moratorium.hr-specialist-only',
  );
  // Another agency's new head does not cover a probationer who transferred away.
  const moved = given(
    startCmd(),
    head,
    act(
      { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-05-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' },
      HR,
      day('2026-05-01'),
    ),
  );
  assert.is(
    events(
      decideProbation(
        moved,
        act(
          { type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' },
          { id: 'aa-kim', role: 'appointing-authority' },
          day('2026-06-01'),
        ),
      ),
    )[0]?.type,
    'ProbationRemovalProposed',
  );
});
removal('a leadership change recorded while a covered removal is pending withdraws it, naming the until-date', () => {
  const pending = given(startCmd(), remove());
  const [, withdrawn] = events(
    decideProbation(pending, act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-06-10' }, HR, day('2026-06-10'))),
  );
  assert.equal(withdrawn?.data, {
    withdrawnBy: 'hr-ana',
    reason: 'blocked by the removal moratorium after the new-agency-head on 2026-06-10',
    blockedByMoratoriumUntil: '2026-10-08',
  });
});
removal.run();

// --- terminal states, properties -------------------------------------------------
const terminal = suite('probation: terminal states and invariants');
terminal('a completed or removed case takes no command', () => {
  const completed = fire(
    given(
      startCmd(),
      act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok' }, SUP, day('2026-05-01')),
      certify(day('2026-05-02')),
    ),
  );
  assert.is(completed.status, 'COMPLETED');
  expectRefusal(completed, certify(day('2027-02-01')), 'probation.case-closed', undefined, 'conflict');
  const removed = fire(given(startCmd(), remove()));
  expectRefusal(removed, act({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-03-02' }, HR, day('2026-08-01')), 'probation.case-closed');
  expectRefusal(initialProbationState, certify(day('2026-05-02')), 'probation.not-started');
});

// Random runs: a start, then any mix of actions and due timers, at increasing instants.
const ACTORS = [HR, SUP, AA, { id: 'aa-kim', role: 'appointing-authority' }, { id: 'sup-lee', role: 'supervisor' }] as const;
const isoDateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
const actionArb: fc.Arbitrary<ProbationAction> = fc.oneof(
  fc
    .tuple(isoDateIn('2025-12-01', 500), fc.integer({ min: 0, max: 60 }))
    .map(([from, n]) => ({ type: 'RecordNonpayPeriod' as const, from, to: addDays(from, n) })),
  isoDateIn('2026-01-01', 400).map((effectiveDate) => ({
    type: 'RecordTransfer' as const,
    toAgency: 'NASA',
    effectiveDate,
    supervisorId: 'sup-lee',
    appointingAuthorityId: 'aa-kim',
  })),
  fc
    .tuple(fc.constantFrom('new-agency-head' as const, 'new-noncareer-supervisor' as const), isoDateIn('2026-01-01', 400))
    .map(([trigger, effectiveDate]) => ({ type: 'RecordLeadershipChange' as const, trigger, effectiveDate, removalAuthority: true })),
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('meets-level-of-excellence' as const, 'meets-level-of-excellence' as const, 'does-not-meet' as const)
      .map((conclusion): ProbationAction => ({ type: 'SubmitAssessment', conclusion, summary: 'Assessed.' })),
  },
  { weight: 3, arbitrary: fc.constant<ProbationAction>({ type: 'CertifyProbation', statement: 'Certified.' }) },
  fc
    .tuple(
      fc.constantFrom('performance' as const, 'misconduct' as const, 'pre-appointment-conditions' as const),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 1, max: 90 }),
    )
    .map(([ground, back, ahead]) => ({ type: 'ProposeRemoval' as const, ground, noticeDate: `-${back}`, effectiveDate: `+${ahead}`, reasons: 'Reasons.' })),
  fc.constant({ type: 'WithdrawRemoval' as const, reason: 'Withdrawn.' }),
);
// Mostly the right person for the action (so runs reach certification and completion), sometimes anyone.
const stepArb = fc.record({
  gapDays: fc.integer({ min: 0, max: 120 }),
  action: fc.option(actionArb, { nil: null }),
  actor: fc.option(fc.constantFrom(...ACTORS), { nil: null, freq: 3 }),
});
const rightActor = (state: ProbationState, action: ProbationAction): Actor =>
  action.type === 'SubmitAssessment'
    ? { id: state.supervisorId!, role: 'supervisor' }
    : action.type === 'CertifyProbation' || action.type === 'ProposeRemoval' || action.type === 'WithdrawRemoval'
      ? { id: state.appointingAuthorityId!, role: 'appointing-authority' }
      : HR;
const runArb = fc.record({ whatIf: fc.boolean(), steps: fc.array(stepArb, { maxLength: 25 }) });

interface Run {
  states: ProbationState[];
  events: ProbationEvent[];
  decisions: { before: ProbationState; decision: Decision<ProbationEvent> }[];
}
/** Plays a random run; `null` steps let every due timer fire. Relative removal dates are resolved against the step's day. */
interface Step {
  gapDays: number;
  action: ProbationAction | null;
  actor: Actor | null;
}
const play = ({ whatIf, steps }: { whatIf: boolean; steps: Step[] }): Run => {
  let state = initialProbationState;
  const run: Run = { states: [], events: [], decisions: [] };
  const apply = (command: ProbationCommand) => {
    const decision = decideProbation(state, command);
    run.decisions.push({ before: state, decision });
    if (decision.ok) {
      run.events.push(...decision.events);
      state = decision.events.reduce(evolveProbation, state);
      run.states.push(state);
    }
    return decision;
  };
  apply(startCmd({}, whatIf ? 'what-if-2yr-probation' : undefined));
  let today = EFFECTIVE;
  // A last empty step far ahead lets every remaining timer fire.
  for (const step of [...steps, { gapDays: 900, action: null, actor: null }]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    // Timers due by now fire first, in order (as the workflow would have fired them).
    for (let timer = nextProbationTimer(state); timer && timer.dueAt <= now; timer = nextProbationTimer(state)) {
      if (!apply(timerCommand(timer, timer.dueAt)).ok) throw new Error(`due timer ${timer.kind} refused`);
    }
    if (step.action) {
      const action =
        step.action.type === 'ProposeRemoval'
          ? {
              ...step.action,
              noticeDate: addDays(today, -Number(step.action.noticeDate.slice(1))),
              effectiveDate: addDays(today, Number(step.action.effectiveDate.slice(1))),
              ...(step.action.ground === 'pre-appointment-conditions' ? { replyBy: today } : {}),
            }
          : step.action;
      apply(act(action, step.actor ?? rightActor(state, action), now));
    }
  }
  return run;
};

terminal('property: no event is ever accepted after a terminal state', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const { before, decision } of run.decisions) if (isProbationTerminal(before)) assert.not.ok(decision.ok, 'a terminal case accepted a command');
      const end = run.events.findIndex((e) => e.type === 'ProbationCompleted' || e.type === 'ProbationerRemoved');
      assert.ok(end === -1 || end === run.events.length - 1, 'the terminal event is the last');
    }),
    { numRuns: 300 },
  );
});
terminal('property: replaying the stream (through parseEvent) always equals the live state', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const stored = run.events.map((e) => ({
        type: e.type,
        schemaVersion: PROBATION_EVENT_SCHEMA_VERSION,
        data: JSON.parse(JSON.stringify(e.data)),
        meta: { occurredAt: e.occurredAt },
      }));
      const live = run.states.at(-1)!;
      assert.equal(replay(probationDefinition, stored), live);
      assert.equal(JSON.parse(JSON.stringify(live)), live, 'the state is plain JSON');
    }),
    { numRuns: 300 },
  );
});
terminal('property: the end date is always computed from the pinned policy and the nonpay days', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const state of run.states) {
        const policy = policyById(state.policyVersion!).probation;
        assert.is(state.endDate, probationEndDate(state.appointmentEffectiveDate!, policy, state.nonpayDays));
        const extension = Math.max(0, state.nonpayDays - policy.nonpayDaysCounted);
        assert.is(daysBetween(addYears(EFFECTIVE, input.whatIf ? 2 : 1), state.endDate!), extension - 1);
        assert.is(
          state.nonpayDays,
          state.nonpayPeriods.reduce((sum, p) => sum + p.days, 0),
        );
      }
    }),
    { numRuns: 300 },
  );
});
terminal('property: a case is completed only after its end date, and only certified; never removed with a placement right for misconduct', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const state of run.states) {
        if (state.outcome?.status === 'COMPLETED') {
          assert.ok(state.certification !== null, 'completed without certification');
          assert.ok(state.outcome.at.slice(0, 10) > state.endDate!, 'completed before the end date');
        }
        if (state.outcome?.status === 'REMOVED') {
          assert.ok(state.outcome.effectiveDate <= state.endDate!);
          if (state.outcome.ground !== 'performance' || state.priorTenure === 'none') assert.is(state.outcome.placementRight, 'none');
        }
      }
    }),
    { numRuns: 300 },
  );
});
terminal.run();

// --- examples -----------------------------------------------------------------------
const examples = suite('probation: examples/ bodies');
const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `probation-${name}.json`), 'utf8'));
const ActSchema = (body: { actor: Actor; action: unknown }) => ({ actor: body.actor, action: ProbationActionSchema.parse(body.action) });
examples('every example body parses and is accepted at a date in its story', () => {
  const startBodyExample = ProbationStartSchema.parse(example('start'));
  let state = given(probationDefinition.startCommand(startBodyExample, '2026-12-07T15:00:00.000Z', HR));
  const play1 = (name: string, at: string) => {
    const { actor, action } = ActSchema(example(name));
    const decision = decideProbation(state, act(action, actor, at));
    state = events(decision).reduce(evolveProbation, state);
  };
  play1('leadership-change', day('2027-02-02'));
  play1('nonpay', day('2027-04-20'));
  play1('removal', day('2027-07-01'));
  assert.is(state.removal?.placementRight, 'gs-15-or-above');
  play1('withdraw-removal', day('2027-07-15'));
  play1('assessment', day('2027-09-01'));
  play1('certify', day('2027-10-01'));
  assert.is(state.status, 'CERTIFIED');
  play1('transfer', day('2027-11-01'));
  assert.is(state.agency, 'NASA');
  assert.is(state.endDate, '2027-12-26', '50 nonpay days: the end moves 20 days');
});
examples.run();
