import type { EventStore } from '../../eventstore/eventStore';
import type { VerifyResult } from '../../eventstore/verifyStream';
import type { Anchor } from './storeCheckpoint';
import { deletedStreams, verifyStreamAnchored } from './verifyAnchored';

export interface VerifyAllReport {
  ok: boolean;
  totals: { streams: number; intact: number; broken: number; eventsVerified: number };
  /** One result per stream, in the store's order, then each stream the checkpoint holds that the store lost; a broken one names its first broken revision. */
  results: VerifyResult[];
}

/** After each stream: how far a long run has come. */
export type VerifyProgress = (progress: { done: number; total: number; result: VerifyResult }) => void;

/**
 * The whole store's hash chains, stream by stream, and, given a checkpoint, each against the
 * head it holds and no stream of it missing; one broken stream never hides another.
 */
export async function verifyAll(store: EventStore, onProgress?: VerifyProgress, anchor: Anchor | null = null): Promise<VerifyAllReport> {
  const streams = await store.listStreams();
  const results: VerifyResult[] = [];
  for (const { stream } of streams) {
    const result = await verifyStreamAnchored(store, stream, anchor);
    results.push(result);
    onProgress?.({ done: results.length, total: streams.length, result });
  }
  if (anchor) results.push(...deletedStreams(anchor, new Set(streams.map((s) => s.stream))));
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
