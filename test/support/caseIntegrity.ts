import * as assert from 'uvu/assert';
import type { Client } from '@temporalio/client';
import type { TestStack } from './testStack';

/** Every event of the stream once: revisions 0..n-1 in order, no id twice, the hash chain intact. */
export const assertStreamWhole = async (stack: TestStack, stream: string): Promise<void> => {
  const events = await stack.audit.events(stream);
  assert.equal(
    events.map((e) => e.revision),
    events.map((_, i) => i),
    `${stream}: revisions`,
  );
  assert.is(new Set(events.map((e) => e.id)).size, events.length, `${stream}: event ids`);
  const verified = await stack.audit.verify(stream);
  assert.ok(verified.ok, `${stream}: ${JSON.stringify(verified)}`);
};

/**
 * Fails as soon as a workflow task of these workflows (their latest runs) fails, polling their
 * histories until stopped: code that does not replay a history (a missed patch) fails its task and
 * retries it forever, which would otherwise show only as a test that hangs. Race it with the test's steps.
 */
export const taskFailureWatch = (client: Client, workflowIds: readonly string[]) => {
  let watching = true;
  const failed = (async (): Promise<never> => {
    while (watching) {
      for (const workflowId of workflowIds) {
        const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
        const failure = events.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure;
        if (failure) throw new Error(`${workflowId}: a workflow task failed: ${failure.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return new Promise<never>(() => undefined);
  })();
  return {
    failed,
    stop: () => {
      watching = false;
    },
  };
};
