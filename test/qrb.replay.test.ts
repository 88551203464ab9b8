import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundle } from './support/workflowBundle';

/**
 * A history recorded from a real run (RECORD_HISTORIES=1 npm test -- qrb.workflow)
 * replayed against today's workflow code: a change that breaks determinism fails here.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });
const historyPath = join(__dirname, 'histories', 'qrb-case-approved.json');

test('the recorded approved QRB case replays deterministically', async () => {
  const history = JSON.parse(readFileSync(historyPath, 'utf8'));
  assert.ok(history.events.length > 10, 'the recorded history has the whole case');
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history);
});

test('a history made by different workflow code is caught as nondeterministic', async () => {
  const history = JSON.parse(readFileSync(historyPath, 'utf8'));
  // As if an older version of the workflow had scheduled another activity first.
  const scheduled = history.events.find((e: { activityTaskScheduledEventAttributes?: unknown }) => e.activityTaskScheduledEventAttributes);
  assert.is(scheduled.activityTaskScheduledEventAttributes.activityType.name, 'appendEvents');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'notifyBoard';
  try {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history);
  } catch (error) {
    assert.match(String(error), /nondetermini/i);
    return;
  }
  assert.unreachable('a history from other code must not replay');
});

test.run();
