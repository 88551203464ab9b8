import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { addDays, addYears } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import { probationDefinition, type ProbationStart, type ProbationState } from '../domain/probation';
import { qrbDefinition } from '../domain/qrb/definition';
import type { QrbState } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { readReleaseBundle } from '../scripts/bundleRelease';
import { createWorker, workflowSinks } from '../worker/createWorker';
import { assertStreamWhole, taskFailureWatch } from './support/caseIntegrity';
import { allRatings, board, daysBefore, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';
import { firedAt, sleepUntil, startedState, startOf, utcToday } from './support/timeSkipping';
import { workflowBundle } from './support/workflowBundle';

/**
 * Shipping workflow code under running cases: cases started by the release deployed
 * before issue 12 (commit 00d4438, its bundle kept in test/releases/ by
 * scripts/bundleRelease.ts) are taken over by a worker on today's code on the same task
 * queue, driven on through today's client, and finish there. The new code replays the
 * old part of each history (a nondeterminism would stall the case here), timers set by
 * the old code fire on the new one, and every event is in its stream once.
 *
 * Both workers run today's activities: what an old workflow task scheduled may be
 * executed by the new worker, so the append activity must take what old code sends.
 */
const RELEASE = '00d4438';
const versions = suite<{ stack: TestStack }>(`a release's running cases finish on the next release (${RELEASE} -> today)`);

versions.before(async (context) => {
  context.stack = await startTestStack();
});
versions.after(async ({ stack }) => {
  await stack.stop();
});

const meets = allRatings('ecq-2025');
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const member = (id: string): Actor => ({ id, role: 'qrb-member' });

/**
 * A worker on `taskQueue` running a given bundle, as the release's deployment runs it.
 * `replaced`: no sticky cache, as the time-skipping server would leave its sticky tasks on it once it stops.
 */
const releaseWorker = async (stack: TestStack, taskQueue: string, bundle: { code: string }, { replaced = false } = {}) => {
  const worker = await createWorker({
    connection: stack.env.nativeConnection,
    namespace: stack.env.namespace ?? 'default',
    taskQueue,
    store: stack.store,
    dataConverter: stack.dataConverter,
    workflowBundle: bundle,
    ...(replaced ? { maxCachedWorkflows: 0 } : {}),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
};

/** The build ids (the SDK's default: a hash of the worker's bundle) that completed the workflow's tasks, in turn. */
const buildIdsOf = (history: temporal.api.history.v1.IHistory): string[] =>
  (history.events ?? [])
    .map((event) => {
      const completed = event.workflowTaskCompletedEventAttributes;
      return completed ? (completed.workerVersion?.buildId ?? completed.binaryChecksum ?? '') : null;
    })
    .filter((id): id is string => id !== null)
    .filter((id, i, ids) => ids[i - 1] !== id);

versions('a QRB case and a probationary period started on the old release finish on the new one, timers and all', async ({ stack }) => {
  const taskQueue = `${stack.taskQueue}-release`;
  const oldBundle = readReleaseBundle(RELEASE);
  const oldRelease = await releaseWorker(stack, taskQueue, oldBundle, { replaced: true });
  const client = stack.env.client;

  // --- on the old release, through its own contract (workflow input and update names of 00d4438) ---
  const probationId = 'EX-RELEASE-1';
  // The old release counts UTC days.
  const effective = await utcToday(stack);
  const endDate = addDays(addYears(effective, 1), -1);
  const probationStart: ProbationStart = {
    caseId: probationId,
    executiveId: 'ex-rivera',
    agency: 'DOE',
    appointmentEffectiveDate: effective,
    criterion: 'A',
    priorTenure: 'career',
    supervisorId: SUP.id,
    appointingAuthorityId: AA.id,
    startedBy: 'hr-ana',
  };
  const probation = await client.workflow.start('probationaryPeriod', {
    taskQueue,
    workflowId: `probation-${probationId}`,
    args: [{ start: probationStart }],
  });
  // The 90-day reminder fires on the old code; the 30-day one and the end of the period are still ahead.
  const reminder90 = startOf(addDays(endDate, -90));
  await sleepUntil(stack, reminder90 + 60_000);
  await probation.executeUpdate('act', {
    args: [{ actor: SUP, action: { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the grid programme well.' } }],
  });

  const qrbId = 'QRB-RELEASE-1';
  const qrbSubmission = submission({ caseId: qrbId, position: { ...submission().position, announcementClosedOn: daysBefore(await stack.now(), 10) } });
  const qrb = await client.workflow.start('qrbCase', { taskQueue, workflowId: `qrb-${qrbId}`, args: [{ submission: qrbSubmission }] });
  await qrb.executeUpdate('conveneQrbBoard', { args: [{ actor: { id: 'opm-kim', role: 'opm-qrb-staff' }, assignment: board() }] });
  const convened = (await qrb.executeUpdate('castQrbVote', { args: [{ actor: member('m-lee'), vote: { memberId: 'm-lee', ratings: meets } }] })) as QrbState;
  await qrb.executeUpdate('castQrbVote', { args: [{ actor: member('m-patel'), vote: { memberId: 'm-patel', ratings: meets } }] });
  assert.is((await stack.audit.events(probation.workflowId)).length, 3, 'started, reminded and assessed on the old release');
  assert.is((await stack.audit.events(qrb.workflowId)).length, 4, 'submitted, convened and two votes on the old release');

  // --- the deploy: the old workers stop, the new release's take the same task queue ---
  await oldRelease.stop();
  const newBundle = await workflowBundle();
  const newRelease = await releaseWorker(stack, taskQueue, newBundle);
  const watch = taskFailureWatch(client, [qrb.workflowId, probation.workflowId]);
  const onTheNewRelease = async () => {
    const qrbCases = stack.casesOf(qrbDefinition);
    const probationCases = stack.casesOf(probationDefinition);

    // The vote reminder the old code was waiting for fires on the new code, 7 days after convening.
    const reminderDue = Date.parse(convened.convenedAt!) + 7 * 86_400_000;
    await sleepUntil(stack, reminderDue + 60_000);
    const reminded = await qrbCases.status(qrbId);
    assert.equal(
      reminded.remindersSent.map((r) => r.pendingMemberIds),
      [['m-chen']],
    );
    firedAt(reminded.remindersSent[0]?.at, reminderDue, 'vote reminder');
    const approved = await qrbCases.act(qrbId, { actor: member('m-chen'), action: { type: 'CastQrbVote', vote: { memberId: 'm-chen', ratings: meets } } });
    assert.is(approved.status, 'APPROVED');
    const appointment = {
      recordedBy: 'hr-ana',
      appointmentId: `${qrbId}-APPT`,
      executiveId: 'ex-rivera',
      effectiveDate: addDays(await utcToday(stack), 14),
      supervisorId: 'sup-ortiz',
      appointingAuthorityId: 'aa-wong',
      priorTenure: 'career' as const,
    };
    await qrbCases.act(qrbId, { actor: { id: 'hr-ana', role: 'hr-specialist' }, action: { type: 'RecordQrbAppointment', appointment } });
    const qrbFinal = await stack.result<QrbState>(qrb.workflowId);
    assert.is(qrbFinal.status, 'APPOINTED');
    // The cases the appointment starts run on the new release.
    assert.is((await startedState(probationCases, `${qrbId}-APPT`)).status, 'ON_PROBATION');

    // The probation's remaining timers, set by the old code, fire on the new one.
    const reminder30 = startOf(addDays(endDate, -30));
    await sleepUntil(stack, reminder30 + 60_000);
    const afterReminder = await probationCases.status(probationId);
    assert.equal(
      afterReminder.remindersSent.map((r) => r.daysBeforeEnd),
      [90, 30],
    );
    firedAt(afterReminder.remindersSent[1]?.at, reminder30, '30-day reminder');
    await probationCases.act(probationId, { actor: AA, action: { type: 'CertifyProbation', statement: 'Certified at the level of excellence.' } });
    await sleepUntil(stack, startOf(addDays(endDate, 1)) + 60_000);
    const probationFinal = await stack.result<ProbationState>(probation.workflowId);
    assert.is(probationFinal.status, 'COMPLETED');

    // --- the record: each event once, chains intact, the auditor's fold equal to the workflow's end ---
    assert.equal(
      (await stack.audit.events(qrb.workflowId)).map((e) => e.type),
      ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast', 'QrbVoteCast', 'QrbVoteReminderSent', 'QrbVoteCast', 'QrbCaseApproved', 'QrbAppointmentRecorded'],
    );
    const probationEvents = await stack.audit.events(probation.workflowId);
    assert.equal(
      probationEvents.map((e) => e.type),
      [
        'ProbationStarted',
        'ProbationCertificationReminderSent',
        'ProbationAssessmentSubmitted',
        'ProbationCertificationReminderSent',
        'ProbationCertified',
        'ProbationCompleted',
      ],
    );
    assert.equal(replay(probationDefinition, probationEvents), probationFinal);
    assert.equal((await stack.audit.replay(qrb.workflowId)).state, qrbFinal);
    for (const stream of [qrb.workflowId, probation.workflowId]) await assertStreamWhole(stack, stream);

    // --- the history: tasks completed by the old release, then by the new one, and it replays on the new code ---
    for (const handle of [qrb, probation]) {
      const history = await client.workflow.getHandle(handle.workflowId).fetchHistory();
      const buildIds = buildIdsOf(history);
      assert.is(buildIds.length, 2, `${handle.workflowId}: tasks by the old release, then by the new one: ${buildIds.join(', ')}`);
      await Worker.runReplayHistory({ workflowBundle: newBundle, sinks: workflowSinks(), dataConverter: stack.dataConverter }, history, handle.workflowId);
    }
  };
  try {
    await Promise.race([onTheNewRelease(), watch.failed]);
  } finally {
    watch.stop();
    await newRelease.stop();
  }
});

versions.run();
