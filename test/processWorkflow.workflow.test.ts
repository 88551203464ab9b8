import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays, addYears } from '../domain/calendar';
import type { ProbationStart, ProbationState } from '../domain/probation';
import type { QrbState } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { processActUpdate, processStatusQuery } from '../workflows/processMessages';
import { TIMER_REARMS_ONLY_WHEN_IT_MOVES } from '../workflows/processWorkflow';
import { allRatings, appointmentOf, board, daysBefore, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';
import { sleepUntil, today } from './support/timeSkipping';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';
import { PROBATION_START } from './support/processFixtures';

/**
 * The one process workflow on the time-skipping server with the real worker, bundle and
 * SQLite store, as Temporal sees it: started and driven by workflow type and message name,
 * through no client class. What each process decides is tested with its own workflow tests;
 * here: how the runner waits on its timers, what it does with a workflow type no process
 * has, and the legacy QRB messages its recorded histories hold.
 */
const wf = suite<{ stack: TestStack }>('process workflow (time-skipping server)');

wf.before(async (context) => {
  context.stack = await startTestStack();
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const OPM: Actor = { id: 'opm-kim', role: 'opm-qrb-staff' };
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const member = (id: string): Actor => ({ id, role: 'qrb-member' });

const start = (stack: TestStack, workflowType: string, workflowId: string, input: object) =>
  stack.env.client.workflow.start(workflowType, { taskQueue: stack.taskQueue, workflowId, args: [input] });
const handleOf = (stack: TestStack, workflowId: string) => stack.env.client.workflow.getHandle(workflowId);

/** Waits (wall clock, no time skipped) until the case's state says `done`. */
const eventually = async <S>(stack: TestStack, workflowId: string, done: (state: S) => boolean): Promise<S> => {
  for (let i = 0; i < 100; i += 1) {
    const state = (await handleOf(stack, workflowId).query(processStatusQuery)) as S;
    if (done(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${workflowId} never reached the state expected`);
};
const historyOf = async (stack: TestStack, workflowId: string) => (await handleOf(stack, workflowId).fetchHistory()).events ?? [];
const count = (events: temporal.api.history.v1.IHistoryEvent[], attributes: keyof temporal.api.history.v1.IHistoryEvent) =>
  events.filter((event) => event[attributes]).length;

const probationStart = (caseId: string, effective: string): ProbationStart => ({ ...PROBATION_START, caseId, appointmentEffectiveDate: effective });

wf('a case started now re-arms its timer only when the timer moves: an assessment leaves it, a certification moves it', async ({ stack }) => {
  const workflowId = 'probation-EX-PW-TIMER';
  const effective = await today(stack);
  const endDate = addDays(addYears(effective, 1), -1);
  await start(stack, 'probationaryPeriod', workflowId, { start: probationStart('EX-PW-TIMER', effective) });
  const handle = handleOf(stack, workflowId);
  await eventually<ProbationState>(stack, workflowId, (s) => s.status === 'ON_PROBATION');
  const assessed = (await handle.executeUpdate(processActUpdate, {
    args: [{ actor: SUP, action: { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the office well.' } }],
  })) as ProbationState;
  assert.is(assessed.assessments.length, 1, 'the assessment is recorded');
  let events = await historyOf(stack, workflowId);
  // A new case records every patch it asks (days-are-agency-days among them): this one's marker is among them.
  const patches = events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((marker) => marker?.markerName === 'core_patch')
    .map((marker) => Buffer.from(marker?.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString('utf8'));
  assert.ok(
    patches.some((data) => data.includes(TIMER_REARMS_ONLY_WHEN_IT_MOVES)),
    `a new case records the patch: ${patches.join(' | ')}`,
  );
  assert.is(count(events, 'timerStartedEventAttributes'), 1, 'the 90-day reminder, armed once');
  assert.is(count(events, 'timerCanceledEventAttributes'), 0, 'the assessment did not move the reminder, so it was not re-armed');

  const certified = (await handle.executeUpdate(processActUpdate, {
    args: [{ actor: AA, action: { type: 'CertifyProbation', statement: 'I certify performance at the level of excellence expected.' } }],
  })) as ProbationState;
  assert.is(certified.status, 'CERTIFIED');
  events = await historyOf(stack, workflowId);
  assert.is(count(events, 'timerCanceledEventAttributes'), 1, 'the certification moved the next timer to the end of the period');
  assert.is(count(events, 'timerStartedEventAttributes'), 2);

  // The end fires when the probationer's agency's next day begins (Washington's midnight).
  await sleepUntil(stack, Date.parse(agencyDayStart(addDays(endDate, 1), PROBATION_START.agency)) + 60_000);
  assert.is((await stack.result<ProbationState>(workflowId)).status, 'COMPLETED');
  events = await historyOf(stack, workflowId);
  assert.is(count(events, 'timerFiredEventAttributes'), 1, 'the end of the period fired; no reminder after the certification');
  await recordHistory('probationaryPeriod-timerMoves', handle);
});

wf('a workflow type no process has fails at once, naming the type, instead of retrying its task', async ({ stack }) => {
  const handle = await start(stack, 'appraisalCycle', 'appraisal-PW-1', { start: {} });
  try {
    await stack.result(handle.workflowId);
  } catch (error) {
    assert.instance(error, WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause;
    assert.instance(cause, ApplicationFailure);
    assert.is((cause as ApplicationFailure).type, 'UnknownProcess');
    assert.match((cause as ApplicationFailure).message, 'appraisalCycle');
    return;
  }
  assert.unreachable('an unknown workflow type must fail');
});

const meets = allRatings('ecq-2025');
const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
/** A submission whose announcement closed 10 days before the test server's now. */
const fresh = async (stack: TestStack, caseId: string) =>
  submission({ caseId, position: { ...submission().position, announcementClosedOn: daysBefore(await stack.now(), 10) } });
/** An update by its old name, with its old arguments `{actor, <payload field>}`. */
const legacy = async (stack: TestStack, workflowId: string, name: string, args: object) =>
  (await handleOf(stack, workflowId).executeUpdate<QrbState, [object]>(name, { args: [args] })) as QrbState;

wf('QRB legacy shim: the old input, updates and transition signal still drive a case, through the same decider', async ({ stack }) => {
  const caseId = 'QRB-PW-LEGACY';
  const workflowId = `qrb-${caseId}`;
  await start(stack, 'qrbCase', workflowId, { submission: await fresh(stack, caseId) });
  assert.is((await legacy(stack, workflowId, 'conveneQrbBoard', { actor: OPM, assignment: board() })).status, 'BOARD_CONVENED');

  await handleOf(stack, workflowId).signal('agencyHeadTransition', { actor: OPM, transition: { action: 'hold', by: 'opm-kim', reason: 'Secretary leaving' } });
  await eventually<QrbState>(stack, workflowId, (s) => s.status === 'ON_HOLD');
  const released = await legacy(stack, workflowId, 'handleAgencyHeadTransition', {
    actor: OPM,
    transition: { action: 'release', by: 'opm-kim', reason: 'New Secretary confirmed' },
  });
  assert.is(released.status, 'BOARD_CONVENED');

  const outsider = await refusalOf(legacy(stack, workflowId, 'castQrbVote', { actor: member('m-zed'), vote: { memberId: 'm-zed', ratings: meets } }));
  assert.is(outsider.error, 'qrb.vote.not-a-board-member', 'the decider refuses an old update as it refuses act');
  for (const id of ['m-lee', 'm-patel']) await legacy(stack, workflowId, 'castQrbVote', { actor: member(id), vote: { memberId: id, ratings: weak } });
  const disapproved = await legacy(stack, workflowId, 'castQrbVote', { actor: member('m-chen'), vote: { memberId: 'm-chen', ratings: meets } });
  assert.is(disapproved.status, 'DISAPPROVED');
  const resubmitted = await legacy(stack, workflowId, 'resubmitQrbCase', {
    actor: HR,
    resubmission: { resubmittedBy: 'hr-ana', evidence: { kind: 'resume-and-interview', resume: 'Revised resume.' } },
  });
  assert.is(resubmitted.round, 2);
  const withdrawn = await legacy(stack, workflowId, 'withdrawQrbCase', { actor: HR, withdrawal: { withdrawnBy: 'hr-ana', reason: 'Accepted another offer' } });
  assert.is(withdrawn.status, 'WITHDRAWN');
  assert.is((await stack.result<QrbState>(workflowId)).status, 'WITHDRAWN');
  assert.equal(
    (await stack.audit.events(workflowId)).map((e) => e.type),
    [
      'QrbCaseSubmitted',
      'QrbBoardConvened',
      'QrbCasePlacedOnHold',
      'QrbHoldReleased',
      'QrbVoteCast',
      'QrbVoteCast',
      'QrbVoteCast',
      'QrbCaseDisapproved',
      'QrbCaseResubmitted',
      'QrbCaseWithdrawn',
    ],
  );
});

wf('an appointment starts its follow-on cases; one that already exists is left alone and the QRB case still ends', async ({ stack }) => {
  const caseId = 'QRB-PW-APPOINTED';
  const workflowId = `qrb-${caseId}`;
  const now = await stack.now();
  const appointment = { ...appointmentOf(caseId), effectiveDate: addDays(now.slice(0, 10), 14) };
  // The probation case of this appointment exists already (started by hand before the appointment was recorded).
  const probationId = `probation-${appointment.appointmentId}`;
  await start(stack, 'probationaryPeriod', probationId, { start: probationStart(appointment.appointmentId, appointment.effectiveDate) });
  const firstRun = (await handleOf(stack, probationId).describe()).runId;

  await start(stack, 'qrbCase', workflowId, { start: await fresh(stack, caseId) });
  await handleOf(stack, workflowId).executeUpdate(processActUpdate, { args: [{ actor: OPM, action: { type: 'ConveneQrbBoard', assignment: board() } }] });
  for (const id of ['m-lee', 'm-patel', 'm-chen']) {
    await handleOf(stack, workflowId).executeUpdate(processActUpdate, {
      args: [{ actor: member(id), action: { type: 'CastQrbVote', vote: { memberId: id, ratings: meets } } }],
    });
  }
  const appointed = (await handleOf(stack, workflowId).executeUpdate(processActUpdate, {
    args: [{ actor: HR, action: { type: 'RecordQrbAppointment', appointment } }],
  })) as QrbState;
  assert.is(appointed.status, 'APPOINTED');
  assert.is((await stack.result<QrbState>(workflowId)).status, 'APPOINTED', 'the existing child did not fail the case');

  const probation = await handleOf(stack, probationId).describe();
  assert.is(probation.runId, firstRun, 'the probation case started by hand was not started twice');
  const onboarding = await handleOf(stack, `onboarding-${appointment.appointmentId}`).describe();
  assert.is(onboarding.status.name, 'RUNNING');
  assert.is(onboarding.parentExecution?.workflowId, workflowId, 'the onboarding case is the appointment’s child');
  const events = await historyOf(stack, workflowId);
  assert.is(count(events, 'startChildWorkflowExecutionFailedEventAttributes'), 1, 'the probation start was refused by Temporal');
  assert.is(count(events, 'childWorkflowExecutionStartedEventAttributes'), 1);
  await recordHistory('qrbCase-act', handleOf(stack, workflowId));
});

wf.run();
