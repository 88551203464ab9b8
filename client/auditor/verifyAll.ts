import type { EventStore } from '../../eventstore/eventStore';
import { verifyStream, type VerifyResult } from '../../eventstore/verifyStream';

export interface VerifyAllReport {
  ok: boolean;
  totals: { streams: number; intact: number; broken: number; eventsVerified: number };
  /** One result per stream, in the store's order; a broken one names its first broken revision. */
  results: VerifyResult[];
}

/** After each stream: how far a long run has come. */
export type VerifyProgress = (progress: { done: number; total: number; result: VerifyResult }) => void;

/** The whole store's hash chains, stream by stream; one broken stream never hides another. */
export async function verifyAll(store: EventStore, onProgress?: VerifyProgress): Promise<VerifyAllReport> {
  const streams = await store.listStreams();
  const results: VerifyResult[] = [];
  for (const { stream } of streams) {
    const result = await verifyStream(store, stream);
    results.push(result);
    onProgress?.({ done: results.length, total: streams.length, result });
  }
  const intact = results.filter((result) => result.ok);
  return {
    ok: intact.length === results.length,
    totals: {
      streams: results.length,
      intact: intact.length,
      broken: results.length - intact.length,
      eventsVerified: intact.reduce((sum, result) => sum + (result.ok ? result.events : 0), 0),
    },
    results,
  };
}
