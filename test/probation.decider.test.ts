import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, addYears, daysBetween } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import {
  ProbationActionSchema,
  ProbationStartSchema,
  isProbationTerminal,
  nextProbationTimer,
  probationDefinition,
  probationEndDate,
  probationTimersAhead,
  timerCommand,
  type ProbationAction,
  type ProbationCommand,
  type ProbationEvent,
  type ProbationStart,
  type ProbationState,
} from '../domain/probation';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import { deciderSpecification } from './support/deciderSpecification';

const spec = deciderSpecification(probationDefinition);

// --- fixtures: commands -------------------------------------------------------
const EFFECTIVE = '2026-01-12';
const START_AT = '2026-01-12T14:00:00.000Z';
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const STATEMENT = 'Performance at the level of excellence.';

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
/** The instant a timer due on that date fires: the start of DOE's day (Washington's). */
const midnight = (date: string) => agencyDayStart(date, 'DOE');
const assess = (at: string, summary = 'ok') => act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary }, SUP, at);
const certify = (at: string) => act({ type: 'CertifyProbation', statement: STATEMENT }, AA, at);
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
const transfer = (effectiveDate: string) =>
  act({ type: 'RecordTransfer', toAgency: 'NASA', effectiveDate, supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' }, HR, day(effectiveDate));
const reachEnd = (at: string): ProbationCommand => ({ type: 'ReachProbationEnd', at, actor: SYSTEM_ACTOR });

// --- fixtures: events ---------------------------------------------------------
/** The end date of a one-year period from 2026-01-12: its last day. */
const END = '2027-01-11';
const ONE_YEAR = { policyVersion: 'ses-2025-10-01', lengthYears: 1, endDate: END };
const started = (overrides: Partial<ProbationStart> = {}, pinned = ONE_YEAR): ProbationEvent => ({
  type: 'ProbationStarted',
  data: { start: startBody(overrides), ...pinned },
  occurredAt: START_AT,
});
const assessed = (at: string, summary = 'ok', conclusion: 'meets-level-of-excellence' | 'does-not-meet' = 'meets-level-of-excellence'): ProbationEvent => ({
  type: 'ProbationAssessmentSubmitted',
  data: { supervisorId: SUP.id, conclusion, summary, developmentActivitiesAddressed: [] },
  occurredAt: at,
});
const certified = (at: string, late = false): ProbationEvent => ({
  type: 'ProbationCertified',
  data: { appointingAuthorityId: AA.id, statement: STATEMENT, late },
  occurredAt: at,
});
const completed = (at: string, late = false): ProbationEvent => ({ type: 'ProbationCompleted', data: { endDate: END, late }, occurredAt: at });
/** A certification reminder: to the supervisor and the appointing authority until an assessment exists, then to the appointing authority. */
const reminded = (daysBeforeEnd: number, assessmentSubmitted: boolean, endDate = END): ProbationEvent => ({
  type: 'ProbationCertificationReminderSent',
  data: { daysBeforeEnd, endDate, assessmentSubmitted, recipientIds: assessmentSubmitted ? [AA.id] : [SUP.id, AA.id] },
  occurredAt: midnight(addDays(endDate, -daysBeforeEnd)),
});
const overdue = (assessmentSubmitted: boolean, endDate = END): ProbationEvent => ({
  type: 'ProbationCertificationOverdue',
  data: { endDate, assessmentSubmitted },
  occurredAt: midnight(addDays(endDate, 1)),
});
type RemovalData = Extract<ProbationEvent, { type: 'ProbationRemovalProposed' }>['data'];
const removalProposed = (data: Partial<RemovalData> = {}, at = day('2026-06-01')): ProbationEvent => ({
  type: 'ProbationRemovalProposed',
  data: {
    proposedBy: AA.id,
    ground: 'performance',
    noticeDate: '2026-06-01',
    effectiveDate: '2026-07-01',
    reasons: 'Unacceptable performance.',
    placementRight: 'gs-15-or-above',
    ...data,
  },
  occurredAt: at,
});
const nonpayRecorded = (from: string, to: string, days: number, totalNonpayDays: number, at: string): ProbationEvent => ({
  type: 'ProbationNonpayRecorded',
  data: { from, to, days, kind: 'other', totalNonpayDays, otherNonpayDays: totalNonpayDays },
  occurredAt: at,
});
const transferred = (effectiveDate: string): ProbationEvent => ({
  type: 'ProbationerTransferred',
  data: { fromAgency: 'DOE', toAgency: 'NASA', effectiveDate, supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' },
  occurredAt: day(effectiveDate),
});
type Trigger = Extract<ProbationEvent, { type: 'ProbationLeadershipChangeRecorded' }>['data']['trigger'];
const leadershipChanged = (trigger: Trigger, effectiveDate: string, moratoriumUntil: string, at: string): ProbationEvent => ({
  type: 'ProbationLeadershipChangeRecorded',
  data: { trigger, agency: 'DOE', effectiveDate, moratoriumUntil },
  occurredAt: at,
});

const STARTED = [started()];
/** Never assessed: reminded 90 and 30 days before the end, overdue the day after it. */
const OVERDUE_UNASSESSED = [started(), reminded(90, false), reminded(30, false), overdue(false)];
/** Assessed and certified in May, waiting for the end of the period. */
const CERTIFIED_IN_MAY = [started(), assessed(day('2026-05-01')), certified(day('2026-05-02'))];
const REMOVAL_PENDING = [started(), removalProposed()];

// --- start ------------------------------------------------------------------
const start = suite('probation: start');
start('an HR specialist starts the case; it pins the policy in force and the end date one year on', () => {
  spec
    .given([])
    .when(startCmd())
    .then([
      {
        type: 'ProbationStarted',
        data: { start: startBody(), policyVersion: 'ses-2025-10-01', lengthYears: 1, endDate: '2027-01-11' },
        occurredAt: START_AT,
      },
    ]);
  const state = spec.stateAfter(STARTED);
  assert.is(state.status, 'ON_PROBATION');
  assert.is(state.endDate, '2027-01-11', 'the last day of the year starting 2026-01-12');
});
start('the 2-year what-if policy is loaded only when asked for, and doubles the period', () => {
  spec
    .given([])
    .when(startCmd({}, 'what-if-2yr-probation'))
    .thenEvents((events, after) => {
      assert.equal(events, [started({}, { policyVersion: 'what-if-2yr-probation', lengthYears: 2, endDate: '2028-01-11' })]);
      assert.is(after.policyVersion, 'what-if-2yr-probation');
      assert.is(after.endDate, '2028-01-11');
    });
  assert.is(spec.stateAfter(STARTED).policyVersion, 'ses-2025-10-01', 'the default is not the what-if');
  spec.given([]).when(startCmd({}, 'what-if-10yr')).thenRefused('probation.start.unknown-policy-version', { field: 'policyVersion', kind: 'invalid' });
});
start('refusals: role, actor, separation of duties, Criterion C activities, stale period, second start', () => {
  spec
    .given([])
    .when(startCmd({}, undefined, SUP))
    .thenRefused('probation.start.hr-specialist-only', { kind: 'invalid' });
  spec
    .given([])
    .when(startCmd({}, undefined, { id: 'hr-bo', role: 'hr-specialist' }))
    .thenRefused('probation.start.starter-is-actor', { field: 'startedBy' });
  spec
    .given([])
    .when(startCmd({ supervisorId: 'ex-rivera' }))
    .thenRefused('probation.start.separation-of-duties', { field: 'supervisorId' });
  spec
    .given([])
    .when(startCmd({ appointingAuthorityId: 'ex-rivera' }))
    .thenRefused('probation.start.separation-of-duties', { field: 'appointingAuthorityId' });
  spec
    .given([])
    .when(startCmd({ criterion: 'C' }))
    .thenRefused('probation.start.criterion-c-activities', { field: 'developmentActivities' });
  spec
    .given([])
    .when(startCmd({ criterion: 'B', developmentActivities: ['Detail'] }))
    .thenRefused('probation.start.activities-only-for-criterion-c', { field: 'developmentActivities' });
  spec
    .given([])
    .when(startCmd({ appointmentEffectiveDate: '2024-01-02' }))
    .thenRefused('probation.start.period-already-over', { field: 'appointmentEffectiveDate' });
  spec.given(STARTED).when(startCmd()).thenRefused('probation.start.already-started', { kind: 'conflict' });
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
  // 30 days count: no extension.
  spec
    .given(STARTED)
    .when(counted)
    .then([nonpayRecorded('2026-03-01', '2026-03-30', 30, 30, day('2026-04-01'))]);
  spec
    .given([started(), nonpayRecorded('2026-03-01', '2026-03-30', 30, 30, day('2026-04-01'))])
    .when(act({ type: 'RecordNonpayPeriod', from: '2026-05-01', to: '2026-05-10' }, HR, day('2026-05-11')))
    .then([
      nonpayRecorded('2026-05-01', '2026-05-10', 10, 40, day('2026-05-11')),
      {
        type: 'ProbationEndDateExtended',
        data: { previousEndDate: '2027-01-11', endDate: '2027-01-21', extensionDays: 10, nonpayDaysBeyondCounted: 10 },
        occurredAt: day('2026-05-11'),
      },
    ]);
});
clock('nonpay refusals: role, range, before the appointment, after the end, overlap, after the period', () => {
  const nonpay = (from: string, to: string, actor: Actor = HR) => act({ type: 'RecordNonpayPeriod', from, to }, actor, day('2026-04-01'));
  spec
    .given(STARTED)
    .when(nonpay('2026-03-01', '2026-03-02', SUP))
    .thenRefused('probation.nonpay.hr-specialist-only');
  spec.given(STARTED).when(nonpay('2026-03-05', '2026-03-02')).thenRefused('probation.nonpay.range', { field: 'to' });
  spec.given(STARTED).when(nonpay('2026-01-01', '2026-01-20')).thenRefused('probation.nonpay.before-appointment', { field: 'from' });
  spec.given(STARTED).when(nonpay('2027-02-01', '2027-02-20')).thenRefused('probation.nonpay.after-end', { field: 'from' });
  spec
    .given([started(), nonpayRecorded('2026-03-01', '2026-03-10', 10, 10, day('2026-04-01'))])
    .when(nonpay('2026-03-10', '2026-03-12'))
    .thenRefused('probation.nonpay.overlap', { field: 'from', kind: 'conflict' });
  assert.is(spec.stateAfter(OVERDUE_UNASSESSED).status, 'CERTIFICATION_OVERDUE');
  spec.given(OVERDUE_UNASSESSED).when(nonpay('2026-03-01', '2026-03-02')).thenRefused('probation.nonpay.period-ended', { kind: 'conflict' });
});
clock('a transfer to another agency keeps the clock: same end date, new agency and officials', () => {
  spec
    .given(STARTED)
    .when(transfer('2026-06-01'))
    .thenEvents((events, after) => {
      assert.equal(events, [transferred('2026-06-01')]);
      assert.is(after.endDate, '2027-01-11');
      assert.is(after.agency, 'NASA');
      assert.is(after.appointingAuthorityId, 'aa-kim');
      assert.equal(after.transfers, [{ fromAgency: 'DOE', toAgency: 'NASA', effectiveDate: '2026-06-01' }]);
    });
  // The old officials no longer act on the case.
  spec
    .given([started(), transferred('2026-06-01')])
    .when(act({ type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'x' }, SUP, day('2026-07-01')))
    .thenRefused('probation.assessment.case-supervisor-only');
  const t = (o: Partial<Extract<ProbationAction, { type: 'RecordTransfer' }>>, actor: Actor = HR) =>
    act(
      { type: 'RecordTransfer', toAgency: 'NASA', effectiveDate: '2026-06-01', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim', ...o },
      actor,
      day('2026-06-01'),
    );
  spec.given(STARTED).when(t({}, AA)).thenRefused('probation.transfer.hr-specialist-only');
  spec
    .given(STARTED)
    .when(t({ toAgency: 'DOE' }))
    .thenRefused('probation.transfer.same-agency', { field: 'toAgency' });
  spec
    .given(STARTED)
    .when(t({ effectiveDate: '2027-03-01' }))
    .thenRefused('probation.transfer.outside-period', { field: 'effectiveDate' });
  spec
    .given(STARTED)
    .when(t({ supervisorId: 'ex-rivera' }))
    .thenRefused('probation.transfer.separation-of-duties', { field: 'supervisorId' });
  spec.given(REMOVAL_PENDING).when(t({})).thenRefused('probation.transfer.removal-pending', { kind: 'conflict' });
});
clock.run();

// --- assessment and certification ----------------------------------------------
const cert = suite('probation: assessment and certification');
cert('assessment by the case supervisor, then written certification; completion when the end date has passed', () => {
  spec
    .given(STARTED)
    .when(assess(day('2026-09-01'), 'Excellent.'))
    .then([assessed(day('2026-09-01'), 'Excellent.')]);
  const endOfPeriod = { kind: 'end-of-period', dueAt: midnight('2027-01-12') } as const;
  spec
    .given([started(), assessed(day('2026-09-01'), 'Excellent.')])
    .when(certify(day('2026-10-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [certified(day('2026-10-01'))]);
      assert.is(after.status, 'CERTIFIED');
      assert.equal(nextProbationTimer(after), endOfPeriod);
    });
  const certifiedInOctober = [started(), assessed(day('2026-09-01'), 'Excellent.'), certified(day('2026-10-01'))];
  spec.given(certifiedInOctober).when(timerCommand(endOfPeriod, '2027-01-11T23:59:59.000Z')).thenRefused('probation.end.not-yet');
  spec
    .given(certifiedInOctober)
    .when(timerCommand(endOfPeriod, midnight('2027-01-12')))
    .then([{ type: 'ProbationCompleted', data: { endDate: '2027-01-11', late: false }, occurredAt: midnight('2027-01-12') }]);
});
cert('no certification by the end date: certification overdue, never completed; a late certification completes it, marked late', () => {
  const assessedFirstYear = [started(), assessed(day('2026-09-01'), 'Excellent first year.')];
  spec
    .given([...assessedFirstYear, reminded(90, true), reminded(30, true)])
    .when(reachEnd(midnight('2027-01-12')))
    .thenEvents((events, after) => {
      assert.equal(events, [overdue(true)]);
      assert.is(after.status, 'CERTIFICATION_OVERDUE');
      assert.is(after.overdueSince, midnight('2027-01-12'));
      assert.is(nextProbationTimer(after), null, 'nothing completes it but a certification');
    });
  spec
    .given([...assessedFirstYear, reminded(90, true), reminded(30, true), overdue(true)])
    .when(certify(day('2027-02-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        { type: 'ProbationCertified', data: { appointingAuthorityId: 'aa-wong', statement: STATEMENT, late: true }, occurredAt: day('2027-02-01') },
        { type: 'ProbationCompleted', data: { endDate: '2027-01-11', late: true }, occurredAt: day('2027-02-01') },
      ]);
      assert.is(after.status, 'COMPLETED');
      assert.equal(after.outcome, { status: 'COMPLETED', at: day('2027-02-01'), endDate: '2027-01-11', late: true });
    });
});
cert('certification refusals: not the case appointing authority, no assessment, unfavourable assessment, twice, removal pending', () => {
  const assessedInSeptember = [started(), assessed(day('2026-09-01'))];
  spec
    .given(assessedInSeptember)
    .when(act({ type: 'CertifyProbation', statement: 'ok' }, { id: 'aa-other', role: 'appointing-authority' }, day('2026-10-01')))
    .thenRefused('probation.certify.case-appointing-authority-only');
  spec
    .given(assessedInSeptember)
    .when(act({ type: 'CertifyProbation', statement: 'ok' }, { id: 'aa-wong', role: 'supervisor' }, day('2026-10-01')))
    .thenRefused('probation.certify.case-appointing-authority-only');
  spec
    .given(STARTED)
    .when(certify(day('2026-10-01')))
    .thenRefused('probation.certify.assessment-required', { kind: 'conflict' });
  spec
    .given([started(), assessed(day('2026-09-01'), 'Below expectations.', 'does-not-meet')])
    .when(certify(day('2026-10-01')))
    .thenRefused('probation.certify.assessment-not-favourable');
  spec
    .given([...assessedInSeptember, certified(day('2026-10-01'))])
    .when(certify(day('2026-10-02')))
    .thenRefused('probation.certify.already-certified');
  spec
    .given([started(), assessed(day('2026-05-01')), removalProposed()])
    .when(certify(day('2026-06-10')))
    .thenRefused('probation.certify.removal-pending');
});
cert('assessment refusals; a Criterion C assessment must address every promised development activity (317.503(b))', () => {
  const activities = ['Detail to OMB', 'Federal Executive Institute'];
  const criterionC = [started({ criterion: 'C', developmentActivities: activities })];
  const assessC = (addressed: string[] | undefined, actor: Actor = SUP) =>
    act(
      { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'ok', ...(addressed ? { developmentActivitiesAddressed: addressed } : {}) },
      actor,
      day('2026-09-01'),
    );
  spec
    .given(criterionC)
    .when(assessC(['Detail to OMB']))
    .thenRefused('probation.assessment.criterion-c-activities', { field: 'developmentActivitiesAddressed', message: 'Federal Executive Institute' });
  spec.given(criterionC).when(assessC(undefined)).thenRefused('probation.assessment.criterion-c-activities', { field: 'developmentActivitiesAddressed' });
  spec
    .given(criterionC)
    .when(assessC(activities))
    .then([
      {
        type: 'ProbationAssessmentSubmitted',
        data: { supervisorId: 'sup-ortiz', conclusion: 'meets-level-of-excellence', summary: 'ok', developmentActivitiesAddressed: activities },
        occurredAt: day('2026-09-01'),
      },
    ]);
  spec
    .given(STARTED)
    .when(assessC(undefined, { id: 'sup-other', role: 'supervisor' }))
    .thenRefused('probation.assessment.case-supervisor-only');
  spec
    .given(STARTED)
    .when(assessC(undefined, { id: 'sup-ortiz', role: 'hr-specialist' }))
    .thenRefused('probation.assessment.case-supervisor-only');
  spec
    .given([started(), assessed(day('2026-09-01')), certified(day('2026-10-01'))])
    .when(assessC(undefined))
    .thenRefused('probation.assessment.already-certified', { kind: 'conflict' });
  spec.given(REMOVAL_PENDING).when(assessC(undefined)).thenRefused('probation.assessment.removal-pending', { kind: 'conflict' });
});
cert('reminders 90 and 30 days before the end date, to the supervisor while no assessment exists', () => {
  const reminder90 = { kind: 'certification-reminder', daysBeforeEnd: 90, dueAt: midnight(addDays('2027-01-11', -90)) } as const;
  assert.equal(nextProbationTimer(spec.stateAfter(STARTED)), reminder90);
  const sendReminder = (daysBeforeEnd: number, at: string, actor: Actor = SYSTEM_ACTOR): ProbationCommand => ({
    type: 'SendCertificationReminder',
    at,
    actor,
    daysBeforeEnd,
  });
  spec
    .given(STARTED)
    .when(sendReminder(90, day('2026-10-01')))
    .thenRefused('probation.reminder.not-due', { field: 'daysBeforeEnd', message: '2026-10-13' });
  spec
    .given(STARTED)
    .when(timerCommand(reminder90, reminder90.dueAt))
    .thenEvents((events, after) => {
      assert.equal(events, [reminded(90, false)]);
      assert.equal(
        after.remindersSent.map((r) => r.daysBeforeEnd),
        [90],
      );
      assert.equal(nextProbationTimer(after), { kind: 'certification-reminder', daysBeforeEnd: 30, dueAt: midnight('2026-12-12') });
    });
  const after90 = [started(), reminded(90, false)];
  spec
    .given(after90)
    .when(timerCommand({ kind: 'certification-reminder', daysBeforeEnd: 30, dueAt: midnight('2026-12-12') }, midnight('2026-12-12')))
    .then([
      {
        type: 'ProbationCertificationReminderSent',
        data: { daysBeforeEnd: 30, endDate: '2027-01-11', assessmentSubmitted: false, recipientIds: ['sup-ortiz', 'aa-wong'] },
        occurredAt: midnight('2026-12-12'),
      },
    ]);
  spec
    .given(after90)
    .when(sendReminder(90, day('2026-12-20')))
    .thenRefused('probation.reminder.already-sent', { field: 'daysBeforeEnd' });
  spec
    .given(STARTED)
    .when(sendReminder(45, day('2026-12-20')))
    .thenRefused('probation.reminder.not-in-policy', { field: 'daysBeforeEnd' });
  spec
    .given(STARTED)
    .when(sendReminder(30, day('2026-12-20'), HR))
    .thenRefused('probation.reminder.system-only');
  spec
    .given(STARTED)
    .when({ type: 'ReachProbationEnd', at: day('2027-02-20'), actor: AA })
    .thenRefused('probation.end.system-only');
  assert.is(nextProbationTimer(spec.stateAfter(CERTIFIED_IN_MAY))?.kind, 'end-of-period', 'a certified case is not reminded');
});
cert('an extension moves the pending reminders and the end', () => {
  const extension: ProbationEvent[] = [
    nonpayRecorded('2026-03-01', '2026-04-19', 50, 50, day('2026-04-20')),
    {
      type: 'ProbationEndDateExtended',
      data: { previousEndDate: '2027-01-11', endDate: '2027-01-31', extensionDays: 20, nonpayDaysBeyondCounted: 20 },
      occurredAt: day('2026-04-20'),
    },
  ];
  spec
    .given(STARTED)
    .when(act({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-04-19' }, HR, day('2026-04-20')))
    .thenEvents((events, after) => {
      assert.equal(events, extension);
      assert.is(after.endDate, '2027-01-31', '50 nonpay days: 20 beyond the counted 30');
      assert.equal(probationTimersAhead(after), [
        { kind: 'certification-reminder', daysBeforeEnd: 90, dueAt: midnight('2026-11-02') },
        { kind: 'certification-reminder', daysBeforeEnd: 30, dueAt: midnight('2027-01-01') },
        { kind: 'end-of-period', dueAt: midnight('2027-02-01') },
      ]);
    });
  spec
    .given([started(), ...extension, reminded(90, false, '2027-01-31'), reminded(30, false, '2027-01-31')])
    .when(reachEnd(midnight('2027-02-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [overdue(false, '2027-01-31')]);
      assert.is(after.status, 'CERTIFICATION_OVERDUE');
      assert.is(after.overdueSince, midnight('2027-02-01'));
    });
});
cert.run();

// --- removal --------------------------------------------------------------------
const removal = suite('probation: removal during probation (5 CFR 359 subpart D)');
removal('the ground decides placement: performance with prior career tenure gives GS-15 or above; misconduct and pre-appointment conditions none', () => {
  const cases = [
    ['performance', 'career', 'gs-15-or-above'],
    ['performance', 'career-conditional', 'gs-15-or-above'],
    ['performance', 'none', 'none'],
    ['misconduct', 'career', 'none'],
    ['pre-appointment-conditions', 'career', 'none'],
  ] as const;
  for (const [ground, priorTenure, placementRight] of cases) {
    const replyBy = ground === 'pre-appointment-conditions' ? { replyBy: '2026-06-15' } : {};
    spec
      .given([started({ priorTenure })])
      .when(remove({ ground, ...replyBy }))
      .then([removalProposed({ ground, ...replyBy, placementRight })]);
  }
});
removal('conditions arising before the appointment: a reply period after the notice and before the effective date (359.404)', () => {
  spec
    .given(STARTED)
    .when(remove({ ground: 'pre-appointment-conditions' }))
    .thenRefused('probation.removal.reply-period-required', { field: 'replyBy' });
  spec
    .given(STARTED)
    .when(remove({ ground: 'pre-appointment-conditions', replyBy: '2026-06-01' }))
    .thenRefused('probation.removal.reply-period', { field: 'replyBy' });
  spec
    .given(STARTED)
    .when(remove({ ground: 'pre-appointment-conditions', replyBy: '2026-07-01' }))
    .thenRefused('probation.removal.reply-period', { field: 'replyBy' });
  spec
    .given(STARTED)
    .when(remove({ ground: 'misconduct', replyBy: '2026-06-15' }))
    .thenRefused('probation.removal.reply-period-only-for-pre-appointment', { field: 'replyBy' });
  spec
    .given(STARTED)
    .when(remove({ ground: 'pre-appointment-conditions', replyBy: '2026-06-15' }))
    .thenEvents((_, after) => {
      assert.is(after.removal?.replyBy, '2026-06-15');
      assert.is(after.removal?.placementRight, 'none');
    });
});
removal('a proposed removal takes effect on its date; the probationer is removed with the placement right', () => {
  const proposed = spec.stateAfter(REMOVAL_PENDING);
  assert.is(proposed.status, 'REMOVAL_PROPOSED');
  assert.equal(nextProbationTimer(proposed), { kind: 'removal-effective', dueAt: midnight('2026-07-01') });
  spec
    .given(REMOVAL_PENDING)
    .when({ type: 'EffectRemoval', at: '2026-06-30T23:00:00.000Z', actor: SYSTEM_ACTOR })
    .thenRefused('probation.removal.not-yet-effective', { kind: 'conflict' });
  spec
    .given(REMOVAL_PENDING)
    .when(timerCommand({ kind: 'removal-effective', dueAt: midnight('2026-07-01') }, midnight('2026-07-01')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        {
          type: 'ProbationerRemoved',
          data: { ground: 'performance', effectiveDate: '2026-07-01', placementRight: 'gs-15-or-above' },
          occurredAt: midnight('2026-07-01'),
        },
      ]);
      assert.is(after.status, 'REMOVED');
      assert.equal(after.outcome, {
        status: 'REMOVED',
        at: midnight('2026-07-01'),
        effectiveDate: '2026-07-01',
        ground: 'performance',
        placementRight: 'gs-15-or-above',
      });
    });
});
removal('refusals: notice before the effective date, dates, role, state', () => {
  spec
    .given(STARTED)
    .when(remove({ effectiveDate: '2026-06-01' }))
    .thenRefused('probation.removal.notice-before-effective-date', { field: 'effectiveDate' });
  spec
    .given(STARTED)
    .when(remove({ noticeDate: '2026-06-02' }))
    .thenRefused('probation.removal.notice-not-given', { field: 'noticeDate' });
  spec
    .given(STARTED)
    .when(remove({ noticeDate: '2025-12-01' }))
    .thenRefused('probation.removal.notice-before-appointment', { field: 'noticeDate' });
  spec
    .given(STARTED)
    .when(remove({ noticeDate: '2026-05-01', effectiveDate: '2026-05-15' }))
    .thenRefused('probation.removal.effective-date-passed', { field: 'effectiveDate' });
  spec
    .given(STARTED)
    .when(remove({ effectiveDate: '2027-01-12' }))
    .thenRefused('probation.removal.after-probation', { field: 'effectiveDate' });
  spec
    .given(STARTED)
    .when(act({ type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' }, SUP, day('2026-06-01')))
    .thenRefused('probation.removal.case-appointing-authority-only');
  spec.given(REMOVAL_PENDING).when(remove()).thenRefused('probation.removal.already-proposed', { kind: 'conflict' });
  spec
    .given(STARTED)
    .when(act({ type: 'WithdrawRemoval', reason: 'x' }, AA, day('2026-06-01')))
    .thenRefused('probation.removal.none-pending', { kind: 'conflict' });
  spec
    .given(REMOVAL_PENDING)
    .when(act({ type: 'WithdrawRemoval', reason: 'x' }, SUP, day('2026-06-02')))
    .thenRefused('probation.removal.case-appointing-authority-only');
});
removal('a withdrawn removal returns the case to probation and its timers', () => {
  spec
    .given(REMOVAL_PENDING)
    .when(act({ type: 'WithdrawRemoval', reason: 'Performance improved.' }, AA, day('2026-06-15')))
    .thenEvents((events, after) => {
      assert.equal(events, [
        { type: 'ProbationRemovalWithdrawn', data: { withdrawnBy: 'aa-wong', reason: 'Performance improved.' }, occurredAt: day('2026-06-15') },
      ]);
      assert.is(after.status, 'ON_PROBATION');
      assert.is(after.removal, null);
      assert.is(after.withdrawnRemovals[0]?.reason, 'Performance improved.');
      assert.is(nextProbationTimer(after)?.kind, 'certification-reminder');
    });
});
removal('the 120-day moratorium after a new agency head or noncareer supervisor blocks covered removals, and says until when', () => {
  const newHead = leadershipChanged('new-agency-head', '2026-04-01', '2026-07-30', day('2026-04-02'));
  spec
    .given(STARTED)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-04-01' }, HR, day('2026-04-02')))
    .thenEvents((events, after) => {
      assert.equal(events, [newHead]);
      assert.equal(after.moratoria, [{ trigger: 'new-agency-head', agency: 'DOE', effectiveDate: '2026-04-01', until: '2026-07-30' }]);
    });
  spec
    .given([started(), newHead])
    .when(remove())
    .thenRefused('probation.removal.moratorium', {
      field: 'effectiveDate',
      kind: 'conflict',
      message: ['blocked until 2026-07-30', 'earliest effective date is 2026-07-31'],
    });
  spec
    .given([started(), newHead])
    .when(remove({ effectiveDate: '2026-07-31' }))
    .then([removalProposed({ effectiveDate: '2026-07-31' })]);
  const newSupervisor = leadershipChanged('new-noncareer-supervisor', '2026-05-01', '2026-08-29', day('2026-05-01'));
  spec
    .given(STARTED)
    .when(
      act({ type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: '2026-05-01', removalAuthority: true }, HR, day('2026-05-01')),
    )
    .then([newSupervisor]);
  spec
    .given([started(), newSupervisor])
    .when(remove({ effectiveDate: '2026-07-31' }))
    .thenRefused('probation.removal.moratorium', { field: 'effectiveDate', message: 'until 2026-08-29' });
  spec
    .given(STARTED)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: '2026-05-01' }, HR, day('2026-05-01')))
    .thenRefused('probation.moratorium.supervisor-without-removal-authority', { field: 'removalAuthority' });
  spec
    .given(STARTED)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-02' }, HR, day('2026-05-01')))
    .thenRefused('probation.moratorium.future-change', { field: 'effectiveDate' });
  spec
    .given(STARTED)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-01' }, AA, day('2026-05-01')))
    .thenRefused('probation.moratorium.hr-specialist-only');
  // Another agency's new head does not cover a probationer who transferred away.
  spec
    .given([started(), newHead, transferred('2026-05-01')])
    .when(
      act(
        { type: 'ProposeRemoval', ground: 'misconduct', noticeDate: '2026-06-01', effectiveDate: '2026-07-01', reasons: 'x' },
        { id: 'aa-kim', role: 'appointing-authority' },
        day('2026-06-01'),
      ),
    )
    .then([removalProposed({ proposedBy: 'aa-kim', ground: 'misconduct', reasons: 'x', placementRight: 'none' })]);
});
removal('a leadership change after the removal was noticed does not withdraw it (359.406): it takes effect on its date', () => {
  spec
    .given(REMOVAL_PENDING)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-06-10' }, HR, day('2026-06-10')))
    .then([leadershipChanged('new-agency-head', '2026-06-10', '2026-10-08', day('2026-06-10'))]);
  spec
    .given([...REMOVAL_PENDING, leadershipChanged('new-agency-head', '2026-06-10', '2026-10-08', day('2026-06-10'))])
    .when(timerCommand({ kind: 'removal-effective', dueAt: midnight('2026-07-01') }, midnight('2026-07-01')))
    .then([
      {
        type: 'ProbationerRemoved',
        data: { ground: 'performance', effectiveDate: '2026-07-01', placementRight: 'gs-15-or-above' },
        occurredAt: midnight('2026-07-01'),
      },
    ]);
});
removal('a leadership change recorded late, effective before the notice, withdraws the removal it covers, naming the until-date', () => {
  spec
    .given(REMOVAL_PENDING)
    .when(act({ type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: '2026-05-20' }, HR, day('2026-06-10')))
    .then([
      leadershipChanged('new-agency-head', '2026-05-20', '2026-09-17', day('2026-06-10')),
      {
        type: 'ProbationRemovalWithdrawn',
        data: {
          withdrawnBy: 'hr-ana',
          reason: 'blocked by the removal moratorium after the new-agency-head on 2026-05-20',
          blockedByMoratoriumUntil: '2026-09-17',
        },
        occurredAt: day('2026-06-10'),
      },
    ]);
});
removal.run();

// --- terminal states, properties -------------------------------------------------
const terminal = suite('probation: terminal states and invariants');
terminal('a completed or removed case takes no command', () => {
  const completedCase = [...CERTIFIED_IN_MAY, completed(midnight('2027-01-12'))];
  assert.is(spec.stateAfter(completedCase).status, 'COMPLETED');
  spec
    .given(completedCase)
    .when(certify(day('2027-02-01')))
    .thenRefused('probation.case-closed', { kind: 'conflict' });
  const removedCase: ProbationEvent[] = [
    ...REMOVAL_PENDING,
    {
      type: 'ProbationerRemoved',
      data: { ground: 'performance', effectiveDate: '2026-07-01', placementRight: 'gs-15-or-above' },
      occurredAt: midnight('2026-07-01'),
    },
  ];
  spec
    .given(removedCase)
    .when(act({ type: 'RecordNonpayPeriod', from: '2026-03-01', to: '2026-03-02' }, HR, day('2026-08-01')))
    .thenRefused('probation.case-closed');
  spec
    .given([])
    .when(certify(day('2026-05-02')))
    .thenRefused('probation.not-started');
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

interface Step {
  gapDays: number;
  action: ProbationAction | null;
  actor: Actor | null;
}
/** Plays a random run; `null` steps let every due timer fire. Relative removal dates are resolved against the step's day. */
const play = ({ whatIf, steps }: { whatIf: boolean; steps: Step[] }) => {
  const run = spec.newCase();
  run.send(startCmd({}, whatIf ? 'what-if-2yr-probation' : undefined));
  let today = EFFECTIVE;
  // A last empty step far ahead lets every remaining timer fire.
  for (const step of [...steps, { gapDays: 900, action: null, actor: null }]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    // Timers due by now fire first, in order (as the workflow would have fired them).
    for (let timer = nextProbationTimer(run.state); timer && timer.dueAt <= now; timer = nextProbationTimer(run.state)) {
      run.sendAccepted(timerCommand(timer, timer.dueAt));
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
      run.send(act(action, step.actor ?? rightActor(run.state, action), now));
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
        schemaVersion: probationDefinition.eventVersion(e.type),
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
  const story = spec.newCase();
  story.sendAccepted(probationDefinition.startCommand(ProbationStartSchema.parse(example('start')), '2026-12-07T15:00:00.000Z', HR));
  const play1 = (name: string, at: string) => {
    const { actor, action } = ActSchema(example(name));
    story.sendAccepted(act(action, actor, at));
  };
  play1('leadership-change', day('2027-02-02'));
  play1('removal-exception', day('2027-03-01'));
  assert.is(story.state.removal?.moratoriumException?.contestBy, '2027-03-08');
  play1('decide-exception', day('2027-03-15'));
  assert.is(story.state.status, 'ON_PROBATION', 'not upheld: withdrawn');
  play1('nonpay', day('2027-04-20'));
  play1('military-nonpay', day('2027-06-02'));
  play1('removal', day('2027-07-01'));
  assert.is(story.state.removal?.placementRight, 'gs-15-or-above');
  play1('withdraw-removal', day('2027-07-15'));
  play1('assessment', day('2027-09-01'));
  play1('certify', day('2027-10-01'));
  play1('rescind-certification', day('2027-10-15'));
  assert.is(story.state.status, 'ON_PROBATION');
  play1('certify', day('2027-10-20'));
  assert.is(story.state.status, 'CERTIFIED');
  play1('transfer', day('2027-11-01'));
  assert.is(story.state.agency, 'NASA');
  assert.is(story.state.endDate, '2027-12-26', '50 other nonpay days: the end moves 20 days; 30 days of military duty move it not at all');
});
examples.run();
