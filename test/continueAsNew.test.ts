import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { onboardingDefinition, type OnboardingAction, type OnboardingStart, type OnboardingState } from '../domain/onboarding';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import type { Actor } from '../domain/roles';
import { workflowBundleOptions } from '../scripts/bundleRelease';
import { workflowSinks } from '../worker/createWorker';
import type { ProcessInput } from '../workflows/processMessages';
import { CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG } from '../workflows/processWorkflow';
import { assertStreamWhole, taskFailureWatch } from './support/caseIntegrity';
import { recordHistory } from './support/recordHistory';
import { testDataConverter } from './support/testKeyring';
import { startTestStack, type TestStack } from './support/testStack';
import { firedAt, sleepUntil, today } from './support/timeSkipping';
import { workflowBundle } from './support/workflowBundle';

/**
 * Long cases continue as new: an onboarding program whose history limit is lowered to 20
 * events continues as new several times while its people act at once, and a reminder due
 * after the continuations fires in a later run. Nothing is lost or written twice: every
 * caller has its answer, every event is in the stream once, the start event only once.
 */
const can = suite<{ stack: TestStack }>('continue-as-new (time-skipping server)');

can.before(async (context) => {
  context.stack = await startTestStack();
});
can.after(async ({ stack }) => {
  await stack.stop();
});

const noop = () => undefined;
// About 6 history events a command since appends run as local activities (11 before): a few commands a run.
// The least the input allows: under load a burst's updates share workflow tasks and write fewer events, and
// with 24 a run once took every command after the first continuation (2 runs, not 3; Node 24 in CI).
const HISTORY_LIMIT = 20;
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const ERO: Actor = { id: 'ero-kim', role: 'executive-resources-office' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const POLICY = policyById('ses-2025-10-01').onboarding;
const confirm = (milestoneId: string): OnboardingAction => ({ type: 'ConfirmMilestone', milestoneId });
const ownerOf = (milestoneId: string): Actor => (POLICY.milestones.find((m) => m.id === milestoneId)!.owner === 'supervisor' ? SUP : ERO);
const milestone = (state: OnboardingState, id: string) => state.milestones.find((m) => m.id === id)!;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** Where the run recorded the patch's marker: the moment it found its history long. */
const patchMarkerAt = (events: HistoryEvent[], patchId: string): number =>
  events.findIndex((e) => {
    // Bytes in a fetched history, base64 in a history read from its JSON file.
    const data: Uint8Array | string | null | undefined = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data !== null && data !== undefined && (typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(data)).includes(patchId);
  });
const count = (events: HistoryEvent[], attributes: keyof HistoryEvent) => events.filter((e) => e[attributes]).length;

can('an onboarding program continues as new while updates arrive; none is lost, its timer fires in a later run, it completes', async ({ stack }) => {
  const caseId = 'EX-CAN-1';
  const workflowId = `onboarding-${caseId}`;
  const effective = await today(stack);
  const start: OnboardingStart = {
    caseId,
    executiveId: 'ex-rivera',
    agency: 'DOE',
    appointmentEffectiveDate: effective,
    reason: 'new-appointment',
    startedBy: HR.id,
  };
  const input: ProcessInput<OnboardingStart> = { start, historyLimit: HISTORY_LIMIT };
  const client = stack.env.client;
  await client.workflow.start('onboardingProgram', { taskQueue: stack.taskQueue, workflowId, args: [input] });
  const cases = stack.casesOf(onboardingDefinition);
  const watch = taskFailureWatch(client, [workflowId]);

  const steps = async () => {
    await cases.act(caseId, { actor: HR, action: { type: 'AssignSupervisorAndMentor', supervisorId: SUP.id, mentorId: 'men-park' } });
    // Six confirmations at once (the assignment confirmed its own milestone), in two bursts: the history passes its limit
    // while some are running and others arrive.
    const confirmed = async (ids: string[]) => {
      const states = await Promise.all(ids.map((id) => cases.act(caseId, { actor: ownerOf(id), action: confirm(id) })));
      ids.forEach((id, i) => assert.ok(milestone(states[i]!, id).confirmation, `the caller confirming ${id} has its answer`));
    };
    await confirmed(['pre-boarding', 'first-week', 'day-30']);
    await confirmed(['executive-development-plan', 'day-90', 'month-6']);

    // month-9 is left: its reminder falls due the day after its due date, in a run after the continuations.
    // At midnight in Washington (DOE's days).
    const reminderDue = Date.parse(agencyDayStart(addDays(milestone(await cases.status(caseId), 'month-9').dueDate, 1), 'DOE'));
    await sleepUntil(stack, reminderDue + 60_000);
    const reminded = milestone(await cases.status(caseId), 'month-9');
    firedAt(reminded.reminderSentAt, reminderDue, 'month-9 reminder');
    await cases.act(caseId, { actor: SUP, action: confirm('month-9') });
    const done = await cases.act(caseId, { actor: SUP, action: confirm('year-1') });
    assert.is(done.status, 'COMPLETED');
    return stack.result<OnboardingState>(workflowId);
  };
  let result: OnboardingState;
  try {
    result = await Promise.race([steps(), watch.failed]);
  } finally {
    watch.stop();
  }
  assert.is(result.status, 'COMPLETED');

  // The stream: the start once, each milestone confirmed once, the reminder once; whole; the auditor's fold is the result.
  const events = await stack.audit.events(workflowId);
  const types = events.map((e) => e.type);
  assert.is(types.filter((t) => t === 'OnboardingStarted').length, 1, 'no run after the first appends the start again');
  assert.equal(
    events
      .filter((e) => e.type === 'OnboardingMilestoneConfirmed')
      .map((e) => (e.data as { milestoneId: string }).milestoneId)
      .sort(),
    POLICY.milestones.map((m) => m.id).sort(),
  );
  assert.is(types.filter((t) => t === 'OnboardingMilestoneReminderSent').length, 1);
  assert.is(events.length, 1 + 1 + POLICY.milestones.length + 1 + 1, types.join(', '));
  await assertStreamWhole(stack, workflowId);
  assert.equal(replay(onboardingDefinition, events), result);

  // The runs: the events name at least three; each run but the last continued as new once its accepted updates had finished.
  const runIds = [...new Set(events.map((e) => e.meta.runId))];
  assert.ok(runIds.length >= 3, `continued as new at least twice: the events came from runs ${runIds.join(', ')}`);
  const reminderRun = events.find((e) => e.type === 'OnboardingMilestoneReminderSent')!.meta.runId;
  assert.is.not(reminderRun, runIds[0], 'the reminder fired in a run after a continuation');
  const bundle = await workflowBundle();
  let finishedAfterDeciding = 0;
  for (const [i, runId] of runIds.entries()) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const runEvents = history.events ?? [];
    const continued = count(runEvents, 'workflowExecutionContinuedAsNewEventAttributes') === 1;
    assert.is(continued, i < runIds.length - 1, `run ${i + 1} of ${runIds.length} continued as new`);
    if (continued) {
      const marker = patchMarkerAt(runEvents, CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG);
      assert.ok(marker >= 0, `run ${i + 1} records the patch`);
      finishedAfterDeciding += count(runEvents.slice(marker), 'workflowExecutionUpdateCompletedEventAttributes');
      assert.is(
        count(runEvents, 'workflowExecutionUpdateCompletedEventAttributes'),
        count(runEvents, 'workflowExecutionUpdateAcceptedEventAttributes'),
        `run ${i + 1} finished every update it accepted`,
      );
    }
    // Each run's history replays on today's code.
    await Worker.runReplayHistory({ workflowBundle: bundle, sinks: workflowSinks(), dataConverter: stack.dataConverter }, history, workflowId);
    if (i === 0) await recordHistory('onboardingProgram-continuedAsNew', client.workflow.getHandle(workflowId, runId));
  }
  assert.ok(finishedAfterDeciding > 0, 'updates were still running when a run found its history long: it finished them before continuing');
});

/** A recorded history, its start input (plain JSON, recorded before payloads were sealed) given a history limit of 20. */
const withHistoryLimit20 = (file: string) => {
  const history = JSON.parse(readFileSync(join(__dirname, 'histories', file), 'utf8'));
  const payload = history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
  assert.is(Buffer.from(payload.metadata.encoding, 'base64').toString('utf8'), 'json/plain', `${file}: a plain input`);
  const input = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  payload.data = Buffer.from(JSON.stringify({ ...input, historyLimit: 20 })).toString('base64');
  assert.ok(history.events.length > 100, `${file}: far past the limit`);
  return history;
};
const replayOn = async (bundle: WorkflowBundleWithSourceMap, history: unknown) =>
  Worker.runReplayHistory({ workflowBundle: bundle, sinks: workflowSinks(), dataConverter: testDataConverter() }, history);

can('a history recorded before the patch replays even far past its limit: the case keeps to what it did then', async () => {
  await replayOn(await workflowBundle(), withHistoryLimit20('onboardingProgram.json'));
});

can('a release that deprecates the patch replays the histories that hold it, and would break one from before it', async () => {
  // The third release: deprecatePatch() where today's code asks patched(), the new behaviour always on.
  const deprecated = await bundleWorkflowCode({
    ...workflowBundleOptions(),
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop },
    webpackConfigHook: (config) => {
      config.module?.rules?.push({
        test: /workflows[\\/]processWorkflow\.ts$/,
        enforce: 'pre',
        use: [{ loader: require.resolve('./support/deprecatePatchLoader'), options: { constant: 'CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG' } }],
      });
      return config;
    },
  });
  const recorded = JSON.parse(readFileSync(join(__dirname, 'histories', 'onboardingProgram-continuedAsNew.json'), 'utf8'));
  assert.ok(patchMarkerAt(recorded.events, CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG) >= 0, 'the recorded history holds the patch');
  await replayOn(deprecated, recorded);
  // Deprecating while a case from before the patch is still open would break it: hence "once no open case predates the patch".
  try {
    await replayOn(deprecated, withHistoryLimit20('onboardingProgram.json'));
  } catch (error) {
    assert.match(String(error), /nondetermini/i);
    return;
  }
  assert.unreachable('a case from before the patch cannot run on a release that deprecated it');
});

can.run();
