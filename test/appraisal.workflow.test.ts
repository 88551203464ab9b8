import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessCases } from '../client/processCases';
import { agencyDayStart } from '../domain/agencyTimeZones';
import {
  appraisalDefinition,
  progressReviewDueOn,
  type AppraisalAction,
  type AppraisalCommand,
  type AppraisalEvent,
  type AppraisalStart,
  type AppraisalState,
} from '../domain/appraisal';
import { addDays, addYears, daysBetween } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import { reassignmentDefinition } from '../domain/reassignment';
import type { Actor } from '../domain/roles';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';
import { startTestStack, type TestStack } from './support/testStack';
import { firedAt, sleepUntil, startedState, today } from './support/timeSkipping';

/**
 * The annual appraisal on the time-skipping server with the real worker, bundle and SQLite store: a whole
 * appraisal year of workflow time (never shortened), its timers at the start of the agency's day.
 */
type Cases = ProcessCases<AppraisalState, AppraisalCommand, AppraisalEvent, AppraisalStart, AppraisalAction>;
const wf = suite<{ stack: TestStack; cases: Cases }>('appraisal workflow (time-skipping server)');

/** The instant one of the agency's days begins. */
const startOf = (date: string): number => Date.parse(agencyDayStart(date, 'DOE'));
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const EXEC: Actor = { id: 'ex-rivera', role: 'executive' };
const HLR: Actor = { id: 'hlr-moss', role: 'supervisor' };
const PRB_A: Actor = { id: 'prb-a', role: 'supervisor' };
const PANEL = [
  { id: 'prb-a', career: true, supervisorOf: [] },
  { id: 'prb-b', career: true, supervisorOf: [] },
  { id: 'prb-c', career: false, supervisorOf: [] },
];
const PLAN = [
  { element: 'faithful-administration', weight: 30 },
  { element: 'government-efficiency', weight: 20 },
  { element: 'merit-and-competence', weight: 20 },
  { element: 'holding-others-accountable', weight: 15 },
  { element: 'achieving-organizational-goals', weight: 15 },
];

wf.before(async (context) => {
  context.stack = await startTestStack();
  context.cases = context.stack.casesOf(appraisalDefinition);
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

const startBody = (caseId: string, period: AppraisalStart['period'], overrides: Partial<AppraisalStart> = {}): AppraisalStart => ({
  caseId,
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentType: 'career',
  period,
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
  ...overrides,
});

wf(
  'a whole appraisal year: plan reminder, plan, progress review reminder and review, period end, rating, response with higher-level review, PRB, final rating',
  async ({ stack, cases }) => {
    const caseId = 'APR-WF-YEAR-1';
    const opened = await today(stack);
    const periodStart = addDays(opened, 20);
    const periodEnd = addDays(addYears(periodStart, 1), -1);
    const started = await cases.start(startBody(caseId, { cycle: 'FY2027', start: periodStart, end: periodEnd }));
    assert.is(started.workflowId, `appraisal-${caseId}`);
    const handle = stack.env.client.workflow.getHandle(started.workflowId);
    const first = await startedState(cases, caseId);
    assert.is(first.status, 'PLAN_DRAFT');
    assert.is(first.policyVersion, 'ses-2025-10-01');

    // The plan reminder, 14 days before the appraisal begins, at the start of Washington's day.
    const reminder = startOf(addDays(periodStart, -14));
    await sleepUntil(stack, reminder + 60_000);
    const reminded = await cases.status(caseId);
    assert.equal(
      reminded.planReminders.map((r) => r.overdue),
      [false],
    );
    firedAt(reminded.planReminders[0]?.at, reminder, 'plan reminder');

    const planDay = await today(stack);
    const light = PLAN.map((e, i) => ({ ...e, weight: i === 0 ? 20 : i === 1 ? 30 : e.weight }));
    const refused = await refusalOf(cases.act(caseId, { actor: SUP, action: { type: 'CommunicatePlan', elements: light, communicatedOn: planDay } }));
    assert.is(refused.status, 422);
    assert.is(refused.error, 'appraisal.plan.element-minimum-weight');
    const planned = await cases.act(caseId, { actor: SUP, action: { type: 'CommunicatePlan', elements: PLAN, communicatedOn: planDay } });
    assert.is(planned.status, 'IN_PERIOD');

    // No progress review by the midpoint: the supervisor is reminded; then it is held.
    const midpoint = startOf(progressReviewDueOn(planned));
    await sleepUntil(stack, midpoint + 60_000);
    const nudged = await cases.status(caseId);
    assert.is(nudged.progressReviewReminders.length, 1);
    firedAt(nudged.progressReviewReminders[0]?.at, midpoint, 'progress review reminder');
    await cases.act(caseId, { actor: SUP, action: { type: 'RecordProgressReview', heldOn: await today(stack), summary: 'On track on every element.' } });

    // The year runs: no rating before the period ends.
    const early = await refusalOf(cases.act(caseId, { actor: SUP, action: { type: 'IssueInitialRating', level: 4, narrative: 'Strong year.' } }));
    assert.is(early.status, 409);
    assert.is(early.error, 'appraisal.rating.period-running');
    const end = startOf(addDays(periodEnd, 1));
    await sleepUntil(stack, end - 60_000);
    assert.is((await cases.status(caseId)).status, 'IN_PERIOD', 'the period runs through its last day');
    await sleepUntil(stack, end + 60_000);
    const due = await cases.status(caseId);
    assert.is(due.status, 'RATING_DUE');
    assert.is(due.daysUnderPlan, daysBetween(periodStart, periodEnd) + 1);

    await cases.act(caseId, { actor: SUP, action: { type: 'IssueInitialRating', level: 4, narrative: 'Strong year.' } });
    await cases.act(caseId, {
      actor: EXEC,
      action: { type: 'RespondToInitialRating', response: 'I ask for a review of element 2.', requestHigherLevelReview: true },
    });
    const reviewed = await cases.act(caseId, {
      actor: HLR,
      action: { type: 'SubmitHigherLevelReview', recommendedLevel: 5, recommendation: 'Outstanding on element 2.' },
    });
    assert.is(reviewed.initialRating?.level, 4, 'the reviewer recommends; the rating stands');
    await cases.act(caseId, { actor: HR, action: { type: 'ConvenePrb', panelId: 'PRB-DOE-FY2027', members: PANEL } });
    await cases.act(caseId, {
      actor: PRB_A,
      action: { type: 'SubmitPrbRecommendation', recommendedLevel: 4, recommendation: 'The board recommends Level 4.' },
    });
    await cases.act(caseId, { actor: AA, action: { type: 'IssueFinalRating', level: 4, reasons: 'As the PRB recommends.' } });
    const result = await stack.result<AppraisalState>(started.workflowId);
    assert.is(result.status, 'COMPLETED');
    assert.is(result.finalRating?.level, 4);

    const events = await stack.audit.events(started.stream);
    assert.equal(
      events.map((e) => e.type),
      [
        'AppraisalStarted',
        'AppraisalPlanReminderSent',
        'AppraisalPlanCommunicated',
        'AppraisalProgressReviewReminderSent',
        'AppraisalProgressReviewRecorded',
        'AppraisalPeriodEnded',
        'AppraisalInitialRatingIssued',
        'AppraisalExecutiveResponded',
        'AppraisalHigherLevelReviewCompleted',
        'AppraisalPrbConvened',
        'AppraisalPrbRecommended',
        'AppraisalFinalRatingIssued',
      ],
    );
    assert.equal(replay(appraisalDefinition, events), result);
    await recordHistory('annualAppraisal', handle);
  },
);

wf(
  'a short period is extended to 90 days; a second unsatisfactory rating in five years removes the executive after the 30-day notice',
  async ({ stack, cases }) => {
    const caseId = 'APR-WF-REMOVAL-1';
    const periodStart = await today(stack);
    const periodEnd = addDays(periodStart, 59);
    const started = await cases.start(
      startBody(
        caseId,
        { cycle: 'FY2027-NEW', start: periodStart, end: periodEnd },
        { priorFinalRatings: [{ periodEnd: addDays(periodStart, -400), level: 1 }] },
      ),
    );
    await startedState(cases, caseId);
    await cases.act(caseId, { actor: SUP, action: { type: 'CommunicatePlan', elements: PLAN, communicatedOn: periodStart } });
    await cases.act(caseId, { actor: SUP, action: { type: 'RecordProgressReview', heldOn: periodStart, summary: 'Expectations set; concerns raised.' } });

    // 60 days under the plan: the period runs on until 90 days are met.
    await sleepUntil(stack, startOf(addDays(periodEnd, 1)) + 60_000);
    const extended = await cases.status(caseId);
    assert.is(extended.status, 'IN_PERIOD');
    assert.equal(extended.period?.extended, { previousEnd: periodEnd, daysUnderPlan: 60, minimumPeriodDays: 90 });
    assert.is(extended.period?.end, addDays(periodStart, 89));
    await sleepUntil(stack, startOf(addDays(periodStart, 90)) + 60_000);
    assert.is((await cases.status(caseId)).status, 'RATING_DUE');

    await cases.act(caseId, { actor: SUP, action: { type: 'IssueInitialRating', level: 1, narrative: 'Did not meet the critical elements.' } });
    // The executive lets the response window pass: the workflow closes it.
    const ratedOn = await today(stack);
    await sleepUntil(stack, startOf(addDays(ratedOn, 11)) + 60_000);
    assert.is((await cases.status(caseId)).status, 'AWAITING_PRB');
    await cases.act(caseId, { actor: HR, action: { type: 'ConvenePrb', panelId: 'PRB-DOE-FY2027', members: PANEL } });
    await cases.act(caseId, { actor: PRB_A, action: { type: 'SubmitPrbRecommendation', recommendedLevel: 1, recommendation: 'The board concurs.' } });
    const rated = await cases.act(caseId, { actor: AA, action: { type: 'IssueFinalRating', level: 1, reasons: 'As the PRB recommends.' } });
    assert.is(rated.status, 'REMOVAL_NOTICE_DUE');
    assert.is(rated.consequences.mandatoryRemoval?.basis, 'two-unsatisfactory-in-five-years');

    const noticeDate = await today(stack);
    const tooSoon = await refusalOf(
      cases.act(caseId, {
        actor: AA,
        action: { type: 'IssueRemovalNotice', noticeDate, effectiveDate: addDays(noticeDate, 29), basis: 'Two unsatisfactory ratings.' },
      }),
    );
    assert.is(tooSoon.status, 422);
    assert.is(tooSoon.error, 'appraisal.removal.notice-period');
    const effectiveDate = addDays(noticeDate, 30);
    const noticed = await cases.act(caseId, {
      actor: AA,
      action: { type: 'IssueRemovalNotice', noticeDate, effectiveDate, basis: 'Two unsatisfactory ratings.' },
    });
    assert.is(noticed.consequences.removalNotice?.hearingRequestBy, addDays(effectiveDate, -15));
    await cases.act(caseId, { actor: EXEC, action: { type: 'RequestInformalHearing', requestedOn: await today(stack) } });

    await sleepUntil(stack, startOf(effectiveDate) + 60_000);
    const result = await stack.result<AppraisalState>(started.workflowId);
    assert.is(result.status, 'REMOVED');
    assert.is(result.consequences.removedOn, effectiveDate);
    assert.ok(result.consequences.hearingRequestedOn, 'the hearing was requested and did not delay the removal');
  },
);

wf('a decision to reassign after an unsatisfactory rating starts the reassignment case, marked as following the rating', async ({ stack, cases }) => {
  const caseId = 'APR-WF-REASSIGN-1';
  const periodStart = await today(stack);
  await cases.start(startBody(caseId, { cycle: 'FY2027-R', start: periodStart, end: addDays(periodStart, 89) }));
  await startedState(cases, caseId);
  await cases.act(caseId, { actor: SUP, action: { type: 'CommunicatePlan', elements: PLAN, communicatedOn: periodStart } });
  await cases.act(caseId, { actor: SUP, action: { type: 'RecordProgressReview', heldOn: periodStart, summary: 'Concerns raised.' } });
  await sleepUntil(stack, startOf(addDays(periodStart, 90)) + 60_000);
  await cases.act(caseId, { actor: SUP, action: { type: 'IssueInitialRating', level: 1, narrative: 'Unsatisfactory.' } });
  await cases.act(caseId, { actor: EXEC, action: { type: 'RespondToInitialRating', response: 'Noted.', requestHigherLevelReview: false } });
  await cases.act(caseId, { actor: HR, action: { type: 'ConvenePrb', panelId: 'PRB-DOE-FY2027', members: PANEL } });
  await cases.act(caseId, { actor: PRB_A, action: { type: 'SubmitPrbRecommendation', recommendedLevel: 1, recommendation: 'Concur.' } });
  const rated = await cases.act(caseId, { actor: AA, action: { type: 'IssueFinalRating', level: 1, reasons: 'As the PRB recommends.' } });
  assert.is(rated.status, 'DECISION_REQUIRED');
  const reassignment = { caseId: 'RA-WF-FOLLOW-1', toPositionId: 'DOE-SES-0412', withinCommutingArea: true };
  const decided = await cases.act(caseId, {
    actor: AA,
    action: { type: 'DecideAfterUnsatisfactoryRating', decision: 'reassign', reason: 'A better fit elsewhere.', reassignment },
  });
  assert.is(decided.status, 'COMPLETED');
  // The appraisal starts its follow-on cases as it ends.
  assert.is((await stack.result<AppraisalState>(`appraisal-${caseId}`)).status, 'COMPLETED');
  const reassignments = stack.casesOf(reassignmentDefinition);
  const followOn = await startedState(reassignments, 'RA-WF-FOLLOW-1');
  assert.equal(followOn.start?.followsUnsatisfactoryRating, { appraisalCaseId: caseId, finalRatingIssuedOn: rated.finalRating!.issuedOn });
  assert.is(followOn.start?.kind, 'directed');
});

wf.run();
