import { availableParallelism } from 'node:os';
import type { EventStore } from '../../eventstore/eventStore';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import type { VerifyResult } from '../../eventstore/verifyStream';
import type { Anchor } from './storeCheckpoint';
import { deletedStreams, verifyStreamAnchored } from './verifyAnchored';
import { verifyInThreads } from './verifyInThreads';

export interface VerifyAllReport {
  ok: boolean;
  totals: { streams: number; intact: number; broken: number; eventsVerified: number };
  /** One result per stream, in the store's order, then each stream the checkpoint holds that the store lost; a broken one names its first broken revision. */
  results: VerifyResult[];
}

/** After each stream: how far a long run has come. */
export type VerifyProgress = (progress: { done: number; total: number; result: VerifyResult }) => void;

export interface VerifyAllOptions {
  /**
   * Worker threads for a SQLite store; by default one per core once the store holds
   * THREADS_FROM_EVENTS events, else none (starting a thread costs more than a small store's check).
   */
  threads?: number;
}

const THREADS_FROM_EVENTS = 50_000;

/** The threads verifyAll uses by default for a SQLite store of `events` events. */
export const defaultVerifyThreads = (events: number): number => (events >= THREADS_FROM_EVENTS ? availableParallelism() : 1);

/**
 * The whole store's hash chains, stream by stream, and, given a checkpoint, each against the
 * head it holds and no stream of it missing; one broken stream never hides another. A SQLite
 * store is read straight from its file, on several threads when it is large; any other store
 * (KurrentDB) stream by stream through the port.
 */
export async function verifyAll(
  store: EventStore,
  onProgress?: VerifyProgress,
  anchor: Anchor | null = null,
  options: VerifyAllOptions = {},
): Promise<VerifyAllReport> {
  const streams = await store.listStreams();
  const results: VerifyResult[] = [];
  const take = (result: VerifyResult) => {
    results.push(result);
    onProgress?.({ done: results.length, total: streams.length, result });
  };
  if (store instanceof SqliteEventStore) {
    const events = streams.reduce((sum, { lastRevision }) => sum + lastRevision + 1, 0);
    const threads = options.threads ?? defaultVerifyThreads(events);
    await verifyInThreads(store.file, streams, anchor, threads, take);
  } else {
    for (const { stream } of streams) take(await verifyStreamAnchored(store, stream, anchor));
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
