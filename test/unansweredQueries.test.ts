import { isGrpcDeadlineError, WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { askUntilAnswered } from '../client/unansweredQueries';
import { createTimeSkippingEnv } from './support/temporalTestEnv';

/** A query nobody answers (its workflow's task queue has no worker) is asked again after each deadline, then fails; other errors at once. */
const queries = suite<{ env: TestWorkflowEnvironment }>('queries asked again when unanswered');

queries.before(async (context) => {
  context.env = await createTimeSkippingEnv();
});
queries.after(async ({ env }) => {
  await env?.teardown();
});

queries('a query left unanswered is asked again after its deadline, then its deadline error is thrown', async ({ env }) => {
  const handle = await env.client.workflow.start('unansweredWorkflow', { taskQueue: 'no-worker-polls-this', workflowId: 'UNANSWERED-1' });
  let asked = 0;
  const started = Date.now();
  const error = await askUntilAnswered(
    env.client,
    () => {
      asked += 1;
      return handle.query('state');
    },
    { deadlineMs: 300, tries: 3 },
  ).then(
    () => null,
    (reason: unknown) => reason,
  );
  assert.ok(isGrpcDeadlineError(error), `a deadline error, not ${String(error)}`);
  assert.is(asked, 3, `asked ${asked} times, then ${String(error)}`);
  const waited = Date.now() - started;
  // At least most of each 300 ms deadline (a Node timer counts from the event loop's time, which can lag Date.now() by
  // the tick's own work, so it may fire a little early by Date.now()); far less than three of the default 10 s.
  assert.ok(waited >= 3 * 250 && waited < 10_000, `three deadlines of 300 ms, waited ${waited} ms`);
  await handle.terminate('test over');
});

queries('any other error is thrown at once, not asked again', async ({ env }) => {
  let asked = 0;
  const error = await askUntilAnswered(env.client, () => {
    asked += 1;
    return env.client.workflow.getHandle('NO-SUCH-CASE').query('state');
  }).then(
    () => null,
    (reason: unknown) => reason,
  );
  assert.instance(error, WorkflowNotFoundError);
  assert.is(asked, 1);
});

queries.run();
