import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowSinks } from '../worker/createWorker';
import { testDataConverter } from './support/testKeyring';
import { workflowBundle } from './support/workflowBundle';

/**
 * Every history recorded from a real run (RECORD_HISTORIES=1 with a workflow
 * test) is replayed against today's workflow code: a change that breaks
 * determinism fails here. Files are named after the workflow type.
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
  const history = load(histories.find((f) => f.startsWith('qrbCase'))!);
  // As if an older version of the workflow had scheduled another activity first.
  const scheduled = history.events.find((e: { activityTaskScheduledEventAttributes?: unknown }) => e.activityTaskScheduledEventAttributes);
  assert.is(scheduled.activityTaskScheduledEventAttributes.activityType.name, 'appendEvents');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'notifyBoard';
  try {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowSinks() }, history);
  } catch (error) {
    assert.match(String(error), /nondetermini/i);
    return;
  }
  assert.unreachable('a history from other code must not replay');
});

test.run();
