import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type ReadStreamOptions,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { ProposedEvent, RecordedEvent } from '../domain/eventEnvelope';
import { planAppend, revisionsToCompare, sameEvents, tailOf, validateProposedEvents, type PlannedEvent, type StreamTail } from './appendPlanner';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  ReadAllOptions,
  StreamAllOptions,
  StreamSummary,
  SubscribeOptions,
  Subscription,
} from './eventStore';
import { inPages } from './inPages';
import { StreamConflictError } from './streamConflictError';
import { toRecordedEvent } from './storedEvents';

/** What we keep in KurrentDB's event metadata; the event's data is our `data` as JSON. */
type StoredMetadata = {
  schemaVersion: number;
  meta: RecordedEvent['meta'];
};

/**
 * Our global position for a KurrentDB event. Events appended together share one commit position
 * and differ by prepare position, so the commit position alone would not be unique: we pack both
 * into one decimal integer (commit * 2^64 + prepare), which orders exactly as $all does.
 */
function encodePosition(position: Position): string {
  return ((position.commit << 64n) + position.prepare).toString();
}

/** Where a $all read starts for an exclusive `after`: the server starts at that position, we skip up to it. */
function startAfter(after: string | undefined): { fromPosition: ReadPosition; skipUpTo?: bigint } {
  if (after === undefined) return { fromPosition: START };
  if (!/^\d+$/.test(after)) throw new TypeError(`position "${after}" is not a decimal global position`);
  const packed = BigInt(after);
  return { fromPosition: { commit: packed >> 64n, prepare: packed & (2n ** 64n - 1n) }, skipUpTo: packed };
}

function positionOf(event: KurrentRecordedEvent): string {
  if (!event.position) {
    throw new Error(`KurrentDB returned event ${event.id} without its log position (the server must be 22.6 or newer)`);
  }
  return encodePosition(event.position);
}

function isSystemEvent(event: KurrentRecordedEvent): boolean {
  return event.type.startsWith('$');
}

/** The record as KurrentDB holds it, in our envelope's shape but not yet validated. */
function storedFrom(event: KurrentRecordedEvent): unknown {
  const metadata = (typeof event.metadata === 'object' && event.metadata !== null ? event.metadata : {}) as Partial<Record<keyof StoredMetadata, unknown>>;
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: positionOf(event),
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    data: event.data,
    meta: metadata.meta,
  };
}

function recordedFrom(event: KurrentRecordedEvent): RecordedEvent {
  return toRecordedEvent(storedFrom(event), { stream: event.streamId, revision: event.revision });
}

function eventDataOf(event: PlannedEvent) {
  const metadata: StoredMetadata = { schemaVersion: event.schemaVersion, meta: event.meta };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/** Our event from a $all read, or undefined for system events and events up to `skipUpTo`. */
function userEventAfter(resolved: AllStreamResolvedEvent, skipUpTo: bigint | undefined): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event)) return undefined;
  if (skipUpTo !== undefined && BigInt(positionOf(event)) <= skipUpTo) return undefined;
  return recordedFrom(event);
}

/** The same port on KurrentDB (EventStoreDB): for a cluster, chosen by EVENTSTORE_URL. */
export class KurrentEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();

  private constructor(private readonly client: KurrentDBClient) {}

  /** `kurrentdb://`, `kurrentdb+discover://`, `esdb://` or `esdb+discover://` connection string. */
  static connect(connectionString: string): KurrentEventStore {
    return new KurrentEventStore(KurrentDBClient.connectionString(connectionString));
  }

  async append(stream: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendResult> {
    const proposed = validateProposedEvents(stream, expected, events);
    for (;;) {
      const tail = await this.tail(stream);
      const claimed = revisionsToCompare(expected, tail, proposed.length);
      const stored = claimed ? await this.readRange(stream, claimed.fromRevision, claimed.count) : [];
      const plan = planAppend({ stream, expected, events: proposed, tail, stored });
      if (plan.kind === 'repeat' || plan.events.length === 0) {
        return { nextExpectedRevision: plan.nextExpectedRevision, events: plan.kind === 'repeat' ? plan.events : [] };
      }
      try {
        // Always the exact tail we planned on, also for 'any': the hash chain continues from that event.
        await this.client.appendToStream(stream, plan.events.map(eventDataOf), {
          streamState: tail.lastRevision === -1 ? NO_STREAM : BigInt(tail.lastRevision),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (expected === 'any') continue; // another writer got in first: plan again after its events
        const actual = error.actualState === NO_STREAM ? 'no_stream' : Number(error.actualState);
        throw new StreamConflictError(stream, expected, actual);
      }
      // The server treats a repeated event id as an idempotent success without writing. Our ids depend
      // only on stream and revision, so a racing writer's different event there would pass as ours:
      // read back and compare hashes before reporting success.
      const written = await this.readRange(stream, plan.events[0]!.revision, plan.events.length);
      if (sameEvents(plan.events, written)) return { nextExpectedRevision: plan.nextExpectedRevision, events: written };
      if (expected === 'any') continue;
      const now = await this.tail(stream);
      throw new StreamConflictError(stream, expected, now.lastRevision === -1 ? 'no_stream' : now.lastRevision);
    }
  }

  async readStream(stream: string, fromRevision = 0, maxCount?: number): Promise<RecordedEvent[]> {
    if (maxCount === 0) return [];
    return this.read(stream, { fromRevision: BigInt(fromRevision), ...(maxCount === undefined ? {} : { maxCount }) });
  }

  async readStoredStream(stream: string): Promise<unknown[]> {
    return (await this.readKurrent(stream, {})).map(storedFrom);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { fromPosition, skipUpTo } = startAfter(options.after);
    const events: RecordedEvent[] = [];
    if (options.maxCount === 0) return events;
    for await (const resolved of this.client.readAll({ fromPosition, filter: excludeSystemEvents() })) {
      const event = userEventAfter(resolved, skipUpTo);
      if (!event) continue;
      events.push(event);
      if (events.length === options.maxCount) break;
    }
    return events;
  }

  streamAll(options: StreamAllOptions = {}): AsyncIterable<RecordedEvent> {
    return inPages((after, maxCount) => this.readAll({ ...(after === undefined ? {} : { after }), maxCount }), options);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const { fromPosition, skipUpTo } = startAfter(options.after);
    const source = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
    let stopped = false;
    const run = async () => {
      for await (const resolved of source) {
        if (stopped) return;
        const event = userEventAfter(resolved, skipUpTo);
        if (event) await options.onEvent(event);
      }
    };
    const finished = run()
      .catch((error: unknown) => {
        if (stopped) return; // unsubscribing may end the stream with a cancellation error
        // Without onError the failure stays an unhandled rejection: loud, never silently stopped.
        const failure = error instanceof Error ? error : new Error(String(error));
        if (!options.onError) throw failure;
        options.onError(failure);
      })
      .finally(() => this.subscriptions.delete(subscription));
    const subscription: Subscription = {
      close: async () => {
        stopped = true;
        await source.unsubscribe();
        await finished.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<StreamSummary[]> {
    const lastRevisions = new Map<string, number>();
    // The server filters $all: with a prefix, only those streams' events come over the wire.
    const filter = options.prefix ? streamNameFilter({ prefixes: [options.prefix] }) : excludeSystemEvents();
    for await (const { event } of this.client.readAll({ filter })) {
      if (event && !isSystemEvent(event)) lastRevisions.set(event.streamId, Number(event.revision));
    }
    return [...lastRevisions].map(([stream, lastRevision]) => ({ stream, lastRevision }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async tail(stream: string): Promise<StreamTail> {
    return tailOf((await this.read(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))[0]);
  }

  private async readRange(stream: string, fromRevision: number, count: number): Promise<RecordedEvent[]> {
    return this.read(stream, { fromRevision: BigInt(fromRevision), maxCount: count });
  }

  private async read(stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.readKurrent(stream, options)).map(recordedFrom);
  }

  /** A stream's events as the client returns them; a stream that does not exist reads as []. */
  private async readKurrent(stream: string, options: ReadStreamOptions): Promise<KurrentRecordedEvent[]> {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(stream, options)) if (event) events.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}
