import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessCases } from '../client/processCases';
import { addDays, addYears } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import {
  probationDefinition,
  type ProbationAction,
  type ProbationCommand,
  type ProbationEvent,
  type ProbationStart,
  type ProbationState,
} from '../domain/probation';
import type { Actor } from '../domain/roles';
import { startTestStack, type TestStack } from './support/testStack';
import { agencyDateOf, agencyDayStart } from '../domain/agencyTimeZones';
import { nowMs, sleepUntil, firedAt, startedState, today } from './support/timeSkipping';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';

/**
 * The probationary period on the time-skipping server with the real worker, bundle
 * and SQLite store. Every year here is a real year of workflow time; effective dates
 * are the test server's "today" in the agency's zone, where the timers fire at the
 * start of the agency's day (DOE: Washington's; BPA: Los Angeles').
 */
type Cases = ProcessCases<ProbationState, ProbationCommand, ProbationEvent, ProbationStart, ProbationAction>;
const wf = suite<{ stack: TestStack; cases: Cases }>('probation workflow (time-skipping server)');

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The instant one of the agency's days begins. */
const startOf = (date: string, agency = 'DOE'): number => Date.parse(agencyDayStart(date, agency));
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };

wf.before(async (context) => {
  context.stack = await startTestStack();
  context.cases = context.stack.casesOf(probationDefinition);
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

const startBody = (caseId: string, effective: string, overrides: Partial<ProbationStart> = {}): ProbationStart => ({
  caseId,
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: effective,
  criterion: 'A',
  priorTenure: 'career',
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
  ...overrides,
});
const assess = {
  type: 'SubmitAssessment',
  conclusion: 'meets-level-of-excellence',
  summary: 'Led the grid-modernization office at the level of excellence.',
} as const;
const certify = { type: 'CertifyProbation', statement: 'I certify performance at the level of excellence expected of a career SES appointee.' } as const;
const eventTypes = async (stack: TestStack, caseId: string) => (await stack.audit.events(`probation-${caseId}`)).map((e) => e.type);

// First: the server's clock still stands before 29 February 2028 (the suite's cases skip years on one clock).
wf('an appointment on 29 February 2028 ends on 28 February 2029 and completes at the start of 1 March in the agency (BPA)', async ({ stack, cases }) => {
  const caseId = 'EX-WF-LEAP-1';
  const started = await cases.start(startBody(caseId, '2028-02-29', { agency: 'BPA', supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' }));
  const state = await startedState(cases, caseId);
  assert.is(state.endDate, '2029-02-28');
  const kim: Actor = { id: 'aa-kim', role: 'appointing-authority' };
  await sleepUntil(stack, startOf('2028-03-01', 'BPA'));
  await cases.act(caseId, { actor: { id: 'sup-lee', role: 'supervisor' }, action: assess });
  await cases.act(caseId, { actor: kim, action: certify });
  // 11 pm on 28 February in Los Angeles is 1 March in Washington and in UTC: still the last day at BPA.
  await sleepUntil(stack, startOf('2029-02-28', 'BPA') + 23 * HOUR_MS);
  assert.is((await cases.status(caseId)).status, 'CERTIFIED', 'not completed on the last day');
  await sleepUntil(stack, startOf('2029-03-01', 'BPA') + 60_000);
  const result = await stack.result<ProbationState>(started.workflowId);
  assert.is(result.status, 'COMPLETED');
  firedAt(result.outcome?.at, startOf('2029-03-01', 'BPA'), 'completion at Los Angeles midnight');
});

wf('a whole year: reminders 90 and 30 days before the end, assessment, certification, completed when the year is served', async ({ stack, cases }) => {
  const caseId = 'EX-WF-YEAR-1';
  const effective = await today(stack);
  const endDate = addDays(addYears(effective, 1), -1);
  const started = await cases.start(startBody(caseId, effective));
  assert.is(started.workflowId, `probation-${caseId}`);
  const handle = stack.env.client.workflow.getHandle(started.workflowId);
  const first = await startedState(cases, caseId);
  assert.is(first.status, 'ON_PROBATION');
  assert.is(first.endDate, endDate);
  assert.is(first.policyVersion, 'ses-2025-10-01');

  const reminder90 = startOf(addDays(endDate, -90));
  await sleepUntil(stack, reminder90 - 60_000);
  assert.is((await cases.status(caseId)).remindersSent.length, 0, 'no reminder before end - 90 days');
  await sleepUntil(stack, reminder90 + 60_000);
  const after90 = await cases.status(caseId);
  assert.equal(
    after90.remindersSent.map((r) => r.daysBeforeEnd),
    [90],
  );
  firedAt(after90.remindersSent[0]?.at, reminder90, '90-day reminder');

  await cases.act(caseId, { actor: SUP, action: assess });
  const reminder30 = startOf(addDays(endDate, -30));
  await sleepUntil(stack, reminder30 + 60_000);
  const after30 = await cases.status(caseId);
  assert.equal(
    after30.remindersSent.map((r) => r.daysBeforeEnd),
    [90, 30],
  );
  firedAt(after30.remindersSent[1]?.at, reminder30, '30-day reminder');

  const certified = await cases.act(caseId, { actor: AA, action: certify });
  assert.is(certified.status, 'CERTIFIED');
  await sleepUntil(stack, startOf(addDays(endDate, 1)) - 60_000);
  assert.is((await cases.status(caseId)).status, 'CERTIFIED', 'not completed before the year is served');
  await sleepUntil(stack, startOf(addDays(endDate, 1)) + 60_000);
  const result = await stack.result<ProbationState>(started.workflowId);
  assert.is(result.status, 'COMPLETED');
  firedAt(result.outcome?.at, startOf(addYears(effective, 1)), 'completion');
  assert.equal(result.outcome, { status: 'COMPLETED', at: result.outcome!.at, endDate, late: false });

  const events = await stack.audit.events(started.stream);
  assert.equal(
    events.map((e) => e.type),
    [
      'ProbationStarted',
      'ProbationCertificationReminderSent',
      'ProbationAssessmentSubmitted',
      'ProbationCertificationReminderSent',
      'ProbationCertified',
      'ProbationCompleted',
    ],
  );
  assert.equal(
    events.map((e) => e.meta.actor.id),
    ['hr-ana', 'workflow', 'sup-ortiz', 'workflow', 'aa-wong', 'workflow'],
  );
  assert.ok(events.every((e) => e.meta.policyVersion === 'ses-2025-10-01'));
  assert.equal(replay(probationDefinition, events), result, 'the auditor rebuilds the very state the workflow ended with');
  assert.ok((await stack.audit.verify(started.stream)).ok);

  const late = await refusalOf(cases.act(caseId, { actor: AA, action: certify }));
  assert.is(late.status, 409);
  assert.is(late.error, 'probation.case-closed');

  await recordHistory('probationaryPeriod', handle);
});

wf('no certification by the end date: certification overdue (never completed), then a late certification completes it', async ({ stack, cases }) => {
  const caseId = 'EX-WF-OVERDUE-1';
  const effective = await today(stack);
  const endDate = addDays(addYears(effective, 1), -1);
  await cases.start(startBody(caseId, effective));
  await cases.act(caseId, { actor: SUP, action: assess });
  const endMs = startOf(addDays(endDate, 1));
  // 7 pm in Washington on the last day is already the next day in UTC: still the period's last day.
  await sleepUntil(stack, startOf(endDate) + 19 * HOUR_MS + 60_000);
  assert.is(agencyDateOf(new Date(await nowMs(stack)).toISOString(), 'DOE'), endDate);
  assert.ok((await nowMs(stack)) > Date.parse(`${addDays(endDate, 1)}T00:00:00Z`), 'past midnight UTC');
  assert.is((await cases.status(caseId)).status, 'ON_PROBATION', 'not overdue at 7 pm Eastern on the last day');
  await sleepUntil(stack, endMs + 60_000);
  const overdue = await cases.status(caseId);
  assert.is(overdue.status, 'CERTIFICATION_OVERDUE');
  firedAt(overdue.overdueSince ?? undefined, endMs, 'overdue');
  await stack.env.sleep('30 days');
  assert.is((await cases.status(caseId)).status, 'CERTIFICATION_OVERDUE', 'still overdue a month later: never silently completed');

  const completed = await cases.act(caseId, { actor: AA, action: certify });
  assert.is(completed.status, 'COMPLETED');
  assert.is(completed.certification?.late, true);
  assert.is(completed.outcome?.status === 'COMPLETED' && completed.outcome.late, true);
  const result = await stack.result<ProbationState>(`probation-${caseId}`);
  assert.equal(result, completed);
  assert.equal(await eventTypes(stack, caseId), [
    'ProbationStarted',
    'ProbationAssessmentSubmitted',
    'ProbationCertificationReminderSent',
    'ProbationCertificationReminderSent',
    'ProbationCertificationOverdue',
    'ProbationCertified',
    'ProbationCompleted',
  ]);
});

wf('nonpay days beyond 30 extend the end date day for day and move the reminders and the end', async ({ stack, cases }) => {
  const caseId = 'EX-WF-NONPAY-1';
  const effective = await today(stack);
  const baseEnd = addDays(addYears(effective, 1), -1);
  await cases.start(startBody(caseId, effective));
  await stack.env.sleep(60 * DAY_MS);
  // 50 days of nonpay status: 20 beyond the 30 that count.
  const extended = await cases.act(caseId, { actor: HR, action: { type: 'RecordNonpayPeriod', from: addDays(effective, 5), to: addDays(effective, 54) } });
  const endDate = addDays(baseEnd, 20);
  assert.is(extended.endDate, endDate);
  assert.is(extended.nonpayDays, 50);

  await sleepUntil(stack, startOf(addDays(baseEnd, -90)) + 60_000);
  assert.is((await cases.status(caseId)).remindersSent.length, 0, 'the old 90-day date passes without a reminder');
  const reminder90 = startOf(addDays(endDate, -90));
  await sleepUntil(stack, reminder90 + 60_000);
  firedAt((await cases.status(caseId)).remindersSent[0]?.at, reminder90, 'moved 90-day reminder');

  await sleepUntil(stack, startOf(addDays(baseEnd, 1)) + 60_000);
  assert.is((await cases.status(caseId)).status, 'ON_PROBATION', 'the old end passes: still on probation');
  const endMs = startOf(addDays(endDate, 1));
  await sleepUntil(stack, endMs + 60_000);
  const overdue = await cases.status(caseId);
  assert.is(overdue.status, 'CERTIFICATION_OVERDUE');
  firedAt(overdue.overdueSince ?? undefined, endMs, 'overdue after the extended end');
  firedAt(overdue.remindersSent[1]?.at, startOf(addDays(endDate, -30)), 'moved 30-day reminder');
  const types = await eventTypes(stack, caseId);
  assert.equal(types.slice(0, 3), ['ProbationStarted', 'ProbationNonpayRecorded', 'ProbationEndDateExtended']);
});

wf('removal for performance: written notice, then removed on the effective date with placement at GS-15 or above', async ({ stack, cases }) => {
  const caseId = 'EX-WF-REMOVAL-1';
  const effective = await today(stack);
  await cases.start(startBody(caseId, effective, { priorTenure: 'career-conditional' }));
  await stack.env.sleep(150 * DAY_MS);
  const noticeDate = await today(stack);
  const effectiveDate = addDays(noticeDate, 30);
  const proposed = await cases.act(caseId, {
    actor: AA,
    action: {
      type: 'ProposeRemoval',
      ground: 'performance',
      noticeDate,
      effectiveDate,
      reasons: 'Did not meet the critical elements of the performance plan.',
    },
  });
  assert.is(proposed.status, 'REMOVAL_PROPOSED');
  assert.is(proposed.removal?.placementRight, 'gs-15-or-above');
  const certifying = await refusalOf(cases.act(caseId, { actor: AA, action: certify }));
  assert.is(certifying.error, 'probation.certify.removal-pending');

  await sleepUntil(stack, startOf(effectiveDate) - 60_000);
  assert.is((await cases.status(caseId)).status, 'REMOVAL_PROPOSED', 'not removed before the effective date');
  await sleepUntil(stack, startOf(effectiveDate) + 60_000);
  const result = await stack.result<ProbationState>(`probation-${caseId}`);
  assert.is(result.status, 'REMOVED');
  assert.equal(result.outcome, { status: 'REMOVED', at: result.outcome!.at, effectiveDate, ground: 'performance', placementRight: 'gs-15-or-above' });
  firedAt(result.outcome?.at, startOf(effectiveDate), 'removal');
  assert.equal(await eventTypes(stack, caseId), ['ProbationStarted', 'ProbationRemovalProposed', 'ProbationerRemoved']);
});

wf('refusals: the moratorium names its until-date; a wrong role or bad body is refused; nothing is recorded', async ({ stack, cases }) => {
  const caseId = 'EX-WF-MORATORIUM-1';
  const effective = await today(stack);
  const { workflowId } = await cases.start(startBody(caseId, effective, { priorTenure: 'none' }));
  await stack.env.sleep(100 * DAY_MS);
  const changeDate = await today(stack);
  await cases.act(caseId, { actor: HR, action: { type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: changeDate } });
  const until = addDays(changeDate, 120);
  const before = await eventTypes(stack, caseId);
  assert.equal(before, ['ProbationStarted', 'ProbationLeadershipChangeRecorded']);

  const removal = {
    type: 'ProposeRemoval',
    ground: 'misconduct',
    noticeDate: changeDate,
    effectiveDate: addDays(changeDate, 30),
    reasons: 'Misuse of a government vehicle.',
  } as const;
  const blocked = await refusalOf(cases.act(caseId, { actor: AA, action: removal }));
  assert.is(blocked.status, 409);
  assert.is(blocked.error, 'probation.removal.moratorium');
  assert.ok(blocked.message.includes(`blocked until ${until}`), blocked.message);
  assert.equal(blocked.issues?.[0]?.field, 'effectiveDate');

  const wrongRole = await refusalOf(cases.act(caseId, { actor: { id: 'aa-wong', role: 'supervisor' }, action: certify }));
  assert.is(wrongRole.status, 422);
  assert.is(wrongRole.error, 'probation.certify.case-appointing-authority-only');
  const notAssessed = await refusalOf(cases.act(caseId, { actor: AA, action: certify }));
  assert.is(notAssessed.error, 'probation.certify.assessment-required');
  const badBody = await refusalOf(cases.act(caseId, { actor: HR, action: { type: 'RecordNonpayPeriod', from: 'yesterday', to: '2026-01-01' } }));
  assert.is(badBody.status, 400);
  assert.is(badBody.issues?.[0]?.field, 'action.from');
  const unknown = await refusalOf(cases.act(caseId, { actor: HR, action: { type: 'CompleteProbation' } }));
  assert.is(unknown.status, 400);

  assert.equal(await eventTypes(stack, caseId), before, 'refused actions appended nothing');
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  assert.is(accepted.length, 1, 'only the leadership change entered the history');

  // After the moratorium the removal may take effect; misconduct gives no placement right.
  const allowed = await cases.act(caseId, { actor: AA, action: { ...removal, effectiveDate: addDays(until, 1) } });
  assert.is(allowed.removal?.placementRight, 'none');
});

wf(
  'a transfer to BPA keeps the clock and moves the timers to Los Angeles midnight; a new agency head after the notice does not stop the removal',
  async ({ stack, cases }) => {
    const caseId = 'EX-WF-TRANSFER-1';
    const effective = await today(stack);
    const endDate = addDays(addYears(effective, 1), -1);
    await cases.start(startBody(caseId, effective));
    await stack.env.sleep(120 * DAY_MS);
    const moved = await cases.act(caseId, {
      actor: HR,
      action: { type: 'RecordTransfer', toAgency: 'BPA', effectiveDate: await today(stack), supervisorId: 'sup-lee', appointingAuthorityId: 'aa-kim' },
    });
    assert.is(moved.agency, 'BPA');
    assert.is(moved.endDate, endDate, 'the transfer does not restart the clock');
    const kim: Actor = { id: 'aa-kim', role: 'appointing-authority' };
    const oldAuthority = await refusalOf(cases.act(caseId, { actor: AA, action: certify }));
    assert.is(oldAuthority.error, 'probation.certify.case-appointing-authority-only');

    // The 90-day reminder fires at the start of BPA's day, three hours after Washington's.
    const reminder90 = startOf(addDays(endDate, -90), 'BPA');
    assert.is(reminder90 - startOf(addDays(endDate, -90), 'DOE'), 3 * HOUR_MS);
    await sleepUntil(stack, startOf(addDays(endDate, -90), 'DOE') + 60_000);
    assert.is((await cases.status(caseId)).remindersSent.length, 0, "no reminder at Washington's midnight after the move");
    await sleepUntil(stack, reminder90 + 60_000);
    firedAt((await cases.status(caseId)).remindersSent[0]?.at, reminder90, '90-day reminder at Los Angeles midnight');

    const noticeDate = await today(stack, 'BPA');
    const effectiveDate = addDays(noticeDate, 20);
    await cases.act(caseId, {
      actor: kim,
      action: { type: 'ProposeRemoval', ground: 'misconduct', noticeDate, effectiveDate, reasons: 'Misuse of a government credit card.' },
    });
    await stack.env.sleep(5 * DAY_MS);
    const changeDate = await today(stack, 'BPA');
    const recorded = await cases.act(caseId, { actor: HR, action: { type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: changeDate } });
    assert.is(recorded.status, 'REMOVAL_PROPOSED', 'a removal noticed before the leadership change goes ahead (359.406)');
    assert.equal(recorded.withdrawnRemovals, []);

    await sleepUntil(stack, startOf(effectiveDate, 'BPA') + 60_000);
    const result = await stack.result<ProbationState>(`probation-${caseId}`);
    assert.is(result.status, 'REMOVED');
    firedAt(result.outcome?.at, startOf(effectiveDate, 'BPA'), 'removal at Los Angeles midnight');
    assert.equal(await eventTypes(stack, caseId), [
      'ProbationStarted',
      'ProbationerTransferred',
      'ProbationCertificationReminderSent',
      'ProbationRemovalProposed',
      'ProbationLeadershipChangeRecorded',
      'ProbationerRemoved',
    ]);
  },
);

wf(
  'in the moratorium a removal takes effect on an exception: reasons in the notice, 7 days to contest, upheld before the effective date',
  async ({ stack, cases }) => {
    const caseId = 'EX-WF-EXCEPTION-1';
    const effective = await today(stack);
    await cases.start(startBody(caseId, effective, { priorTenure: 'none' }));
    await stack.env.sleep(60 * DAY_MS);
    const changeDate = await today(stack);
    await cases.act(caseId, {
      actor: HR,
      action: { type: 'RecordLeadershipChange', trigger: 'new-noncareer-supervisor', effectiveDate: changeDate, removalAuthority: true },
    });
    await stack.env.sleep(10 * DAY_MS);
    const noticeDate = await today(stack);
    const contestBy = addDays(noticeDate, 7);
    const effectiveDate = addDays(noticeDate, 14);
    const removal = {
      type: 'ProposeRemoval',
      ground: 'misconduct',
      noticeDate,
      effectiveDate,
      reasons: 'Charged with a felony.',
      moratoriumException: { ground: 'crime-punishable-by-imprisonment', reasons: 'A crime for which imprisonment may be imposed.', contestBy },
    } as const;
    const proposed = await cases.act(caseId, { actor: AA, action: removal });
    assert.is(proposed.status, 'REMOVAL_PROPOSED');
    const early = await refusalOf(cases.act(caseId, { actor: AA, action: { type: 'DecideMoratoriumException', upheld: true, reasons: 'Upheld.' } }));
    assert.is(early.error, 'probation.exception.contest-window-open');
    await sleepUntil(stack, startOf(addDays(contestBy, 1)) + HOUR_MS);
    const decided = await cases.act(caseId, {
      actor: AA,
      action: { type: 'DecideMoratoriumException', upheld: true, reasons: 'The reply does not dispute the charge.' },
    });
    assert.is(decided.removal?.exceptionDecision?.upheld, true);
    await sleepUntil(stack, startOf(effectiveDate) + 60_000);
    const result = await stack.result<ProbationState>(`probation-${caseId}`);
    assert.is(result.status, 'REMOVED', 'removed within the moratorium on the upheld exception');
    firedAt(result.outcome?.at, startOf(effectiveDate), 'removal');
  },
);

wf('the 2-year what-if policy, loaded on request, runs two years', async ({ stack, cases }) => {
  const caseId = 'EX-WF-WHATIF-1';
  const effective = await today(stack);
  const endDate = addDays(addYears(effective, 2), -1);
  await cases.start(startBody(caseId, effective), 'what-if-2yr-probation');
  const state = await startedState(cases, caseId);
  assert.is(state.policyVersion, 'what-if-2yr-probation');
  assert.is(state.endDate, endDate);
  await cases.act(caseId, { actor: SUP, action: assess });
  await cases.act(caseId, { actor: AA, action: certify });
  await sleepUntil(stack, startOf(addYears(effective, 1)) + DAY_MS);
  assert.is((await cases.status(caseId)).status, 'CERTIFIED', 'one year is not enough under the what-if');
  await sleepUntil(stack, startOf(addYears(effective, 2)) - 60_000);
  assert.is((await cases.status(caseId)).status, 'CERTIFIED', 'not completed before two years');
  await sleepUntil(stack, startOf(addYears(effective, 2)) + 60_000);
  const result = await stack.result<ProbationState>(`probation-${caseId}`);
  assert.is(result.status, 'COMPLETED');
  firedAt(result.outcome?.at, startOf(addYears(effective, 2)), 'what-if completion');
  const events = await stack.audit.events(`probation-${caseId}`);
  assert.ok(events.every((e) => e.meta.policyVersion === 'what-if-2yr-probation'));
});

wf('a refused start starts nothing; a second start of the same case is refused', async ({ stack, cases }) => {
  const effective = await today(stack);
  const noActivities = await refusalOf(cases.start(startBody('EX-WF-BADSTART', effective, { criterion: 'C' })));
  assert.is(noActivities.status, 422);
  assert.is(noActivities.error, 'probation.start.criterion-c-activities');
  const missing = await refusalOf(stack.audit.events('probation-EX-WF-BADSTART'));
  assert.is(missing.status, 404);
  await cases.start(startBody('EX-WF-TWICE', effective));
  const twice = await refusalOf(cases.start(startBody('EX-WF-TWICE', effective)));
  assert.is(twice.status, 409);
});

wf.run();
