// The end-to-end baselines: workflows that do nothing, so starting and awaiting one
// measures only the Temporal round trip, and an Update to one only Temporal's update
// round trip. Bundled by their own worker, on their own task queue, so the production
// bundle (workflows/) stays untouched.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export async function noopWorkflow(): Promise<void> {}

/** Answered at once: what any Update costs before the handler does anything. */
export const pingUpdate = defineUpdate<void>('ping');
export const finishSignal = defineSignal('finish');

/** Answers pings until told to finish. */
export async function pingWorkflow(): Promise<void> {
  let finished = false;
  setHandler(pingUpdate, () => undefined);
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
}
