// The end-to-end baselines: workflows that do nothing, so starting and awaiting one
// measures only the Temporal round trip, and an Update to one only Temporal's update
// round trip. Bundled by their own worker, on their own task queue, so the production
// bundle (workflows/) stays untouched.
import { condition, defineSignal, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export async function noopWorkflow(): Promise<void> {}

/** The baseline worker's one activity: append a vote's event to a fresh stream. */
export interface DurablePingActivities {
  appendVoteEvent(): Promise<void>;
}
const { appendVoteEvent } = proxyLocalActivities<DurablePingActivities>({ startToCloseTimeout: '10 seconds' });

/** Answered at once: what any Update costs before the handler does anything. */
export const pingUpdate = defineUpdate<void>('ping');
/**
 * Answered once a vote's event is appended by a local activity: the least a decision costs
 * when nothing may be answered before its event is durable (no deciding, no folding).
 */
export const durablePingUpdate = defineUpdate<void>('durable-ping');
export const finishSignal = defineSignal('finish');

/** Answers pings until told to finish; durable ones once `firstEvent` (a case's first append) is done. */
async function answerPings(firstEvent: Promise<void>): Promise<void> {
  let finished = false;
  setHandler(pingUpdate, () => undefined);
  setHandler(durablePingUpdate, async () => {
    await firstEvent;
    await appendVoteEvent();
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  await Promise.all([firstEvent, condition(() => finished)]);
}

/** Answers pings until told to finish. */
export async function pingWorkflow(): Promise<void> {
  await answerPings(Promise.resolve());
}

/**
 * The least a case costs when nothing may be acted on before its event is durable: its first
 * event appended by a local activity as it starts, then pings (durable ones, as its decisions).
 */
export async function durableCaseWorkflow(): Promise<void> {
  await answerPings(appendVoteEvent());
}
