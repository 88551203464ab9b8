import { isGrpcCancelledError, isGrpcDeadlineError, WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toProblem } from '../client/problem';
import { askUntilAnswered, QueryUnansweredError } from '../client/unansweredQueries';
import { createTimeSkippingEnv } from './support/temporalTestEnv';

/**
 * A query nobody answers (its workflow's task queue has no worker) is asked again after each deadline, or after the
 * call is cancelled (as the server cancels a call at its deadline), then given up as a 503; other errors at once.
 */
const queries = suite<{ env: TestWorkflowEnvironment }>('queries asked again when unanswered');

queries.before(async (context) => {
  context.env = await createTimeSkippingEnv();
});
queries.after(async ({ env }) => {
  await env?.teardown();
});

queries('a query left unanswered is asked again after its deadline, then given up: a 503 to retry', async ({ env }) => {
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
  assert.instance(error, QueryUnansweredError, String(error));
  // The last ask's error: the client's deadline, or the server's cancel of the call at the same deadline.
  const cause = (error as Error).cause;
  assert.ok(isGrpcDeadlineError(cause) || isGrpcCancelledError(cause), `unanswered by the deadline, not ${String(cause)}`);
  assert.is(asked, 3, `asked ${asked} times, then ${String(error)}`);
  const problem = toProblem(error);
  assert.equal([problem.status, problem.error, problem.retryAfterSeconds], [503, 'case-unanswered', 1]);
  assert.match(problem.message, /asked 3 times, 0\.3 s each/);
  const waited = Date.now() - started;
  // At least most of each 300 ms deadline (a Node timer counts from the event loop's time, which can lag Date.now() by
  // the tick's own work, so it may fire a little early by Date.now()); far less than three of the default 10 s.
  assert.ok(waited >= 3 * 250 && waited < 10_000, `three deadlines of 300 ms, waited ${waited} ms`);
  await handle.terminate('test over');
});

queries('a query whose call is cancelled is asked again, as after its deadline', async ({ env }) => {
  const handle = await env.client.workflow.start('unansweredWorkflow', { taskQueue: 'no-worker-polls-this', workflowId: 'UNANSWERED-2' });
  let asked = 0;
  // The server's cancel of a call at its deadline cannot be timed from a test; a cancel of the client's own is the same gRPC status.
  const error = await askUntilAnswered(
    env.client,
    () => {
      asked += 1;
      return env.client.withAbortSignal(AbortSignal.timeout(100), () => handle.query('state'));
    },
    { tries: 2 },
  ).then(
    () => null,
    (reason: unknown) => reason,
  );
  assert.instance(error, QueryUnansweredError, String(error));
  assert.ok(isGrpcCancelledError((error as Error).cause), `cancelled, not ${String((error as Error).cause)}`);
  assert.is(asked, 2);
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
