import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toProblem } from '../client/problem';
import { askUntilAnswered } from '../client/unansweredQueries';
import { createLocalEnv } from './support/temporalTestEnv';

/**
 * A query Temporal refuses as not ready (gRPC FAILED_PRECONDITION, as while a killed worker's step
 * is run again) is a 503 to retry, not a 500. On the real dev server: the time-skipping server does
 * not refuse so.
 */
const notReady = suite<{ env: TestWorkflowEnvironment }>('queries refused as not ready');

notReady.before(async (context) => {
  context.env = await createLocalEnv();
});
notReady.after(async ({ env }) => {
  await env?.teardown();
});

notReady('a query refused as not ready is thrown at once: a 503 case-recovering, to retry after a second', async ({ env }) => {
  // A start delay leaves the workflow without a task, so the server refuses a query at once ("Workflow task is not scheduled yet").
  const handle = await env.client.workflow.start('unansweredWorkflow', { taskQueue: 'no-worker-polls-this', workflowId: 'NOT-READY-1', startDelay: '1 hour' });
  let asked = 0;
  const error = await askUntilAnswered(env.client, () => {
    asked += 1;
    return handle.query('state');
  }).then(
    () => null,
    (reason: unknown) => reason,
  );
  assert.is((error as { cause?: { code?: unknown } } | null)?.cause?.code, 9, `FAILED_PRECONDITION, not ${String(error)}`);
  assert.is(asked, 1, 'not asked again: the server answered');
  const problem = toProblem(error);
  assert.equal([problem.status, problem.error, problem.retryAfterSeconds], [503, 'case-recovering', 1]);
  assert.match(problem.message, /nothing was recorded/);
  await handle.terminate('test over');
});

notReady.run();
