import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowSinks } from '../worker/createWorker';
import { APPEND_AS_LOCAL_ACTIVITY } from '../workflows/eventSourcedCase';
import { TIMER_REARMS_ONLY_WHEN_IT_MOVES } from '../workflows/processWorkflow';
import { testDataConverter } from './support/testKeyring';
import { workflowBundle } from './support/workflowBundle';

/**
 * Every history recorded from a real run (RECORD_HISTORIES=<label> with a workflow
 * test) is replayed against today's workflow code: a change that breaks
 * determinism fails here. Files are named after the workflow type, and a file
 * recorded by older code is kept, not re-recorded: it is what proves that the
 * cases that code started still replay (each branch of a patch has its history).
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
const dir = join(__dirname, 'histories');
const histories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

test('there is a recorded history for the QRB workflow', () => {
  assert.ok(
    histories.some((f) => f.startsWith('qrbCase')),
    histories.join(', '),
  );
});

/** Whether a history was recorded by code that called patched(patchId), i.e. holds its marker. */
const holdsPatch = (
  history: { events: { markerRecordedEventAttributes?: { details?: Record<string, { payloads?: { data?: string }[] }> } }[] },
  patchId: string,
) =>
  history.events.some((event) => {
    const data = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data !== undefined && Buffer.from(data, 'base64').toString('utf8').includes(`"${patchId}"`);
  });

test(`both sides of ${TIMER_REARMS_ONLY_WHEN_IT_MOVES} have a history: cases started before it (each process of then) and since`, () => {
  // The processes that had running cases when the patch shipped; one added since has only the patched side.
  for (const workflowType of ['qrbCase', 'probationaryPeriod', 'onboardingProgram', 'rotationAssignment']) {
    const before = histories.filter((f) => f.startsWith(workflowType) && !holdsPatch(load(f), TIMER_REARMS_ONLY_WHEN_IT_MOVES));
    assert.ok(before.length > 0, `a ${workflowType} history from before the patch (re-armed on any change, or QRB's phase rule)`);
  }
  assert.ok(
    histories.some((f) => holdsPatch(load(f), TIMER_REARMS_ONLY_WHEN_IT_MOVES)),
    'a history from since the patch',
  );
});

/** Whether a history's case appended in scheduled activities, i.e. holds ActivityTaskScheduled events. */
const schedulesActivities = (history: { events: { activityTaskScheduledEventAttributes?: unknown }[] }) =>
  history.events.some((event) => event.activityTaskScheduledEventAttributes);

test(`both sides of ${APPEND_AS_LOCAL_ACTIVITY} have a history: appends as scheduled activities, and as local activities`, () => {
  const before = histories.filter((f) => f.startsWith('qrbCase') && !holdsPatch(load(f), APPEND_AS_LOCAL_ACTIVITY));
  assert.ok(before.length > 0 && before.every((f) => schedulesActivities(load(f))), `QRB histories from before the patch schedule activities: ${before}`);
  for (const workflowType of ['qrbCase', 'probationaryPeriod']) {
    const since = histories.filter((f) => f.startsWith(workflowType) && holdsPatch(load(f), APPEND_AS_LOCAL_ACTIVITY));
    assert.ok(since.length > 0, `a ${workflowType} history from since the patch`);
    for (const f of since) assert.not.ok(schedulesActivities(load(f)), `${f} appends in local activities only`);
  }
});

for (const file of histories) {
  test(`${file} replays deterministically`, async () => {
    const history = load(file);
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    assert.ok(file.startsWith(started.workflowType.name), `${file} holds a ${started.workflowType.name} history`);
    // Through the payload codec: plain (older) histories pass it as they are, sealed ones open with the test key.
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowSinks(), dataConverter: testDataConverter() }, history);
  });
}

test('a history made by different workflow code is caught as nondeterministic', async () => {
  const history = load(histories.find((f) => f.startsWith('qrbCase') && schedulesActivities(load(f)))!);
  // As if an older version of the workflow had scheduled another activity first.
  const scheduled = history.events.find((e: { activityTaskScheduledEventAttributes?: unknown }) => e.activityTaskScheduledEventAttributes);
  assert.is(scheduled.activityTaskScheduledEventAttributes.activityType.name, 'appendEvents');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'notifyBoard';
  try {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowSinks(), dataConverter: testDataConverter() }, history);
  } catch (error) {
    assert.match(String(error), /nondetermini/i);
    return;
  }
  assert.unreachable('a history from other code must not replay');
});

test.run();
