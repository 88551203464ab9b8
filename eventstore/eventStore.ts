import type { ProposedEvent, RecordedEvent } from '../domain/eventEnvelope';

/**
 * What the appender believes the stream's last revision is:
 * - 'any': append at the end, whatever is there (no idempotency on retry);
 * - 'no_stream': the stream must not exist yet (same as exact -1);
 * - a number: the revision of the stream's last event (exact).
 */
export type ExpectedRevision = 'any' | 'no_stream' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append (the next expected revision). */
  nextExpectedRevision: number;
  /** The events as stored (also when the append was an idempotent repeat). */
  events: RecordedEvent[];
}

export interface ReadAllOptions {
  /** Exclusive: only events with a global position after this one. */
  after?: string;
  maxCount?: number;
}

export interface StreamAllOptions {
  /** Exclusive: only events with a global position after this one. */
  after?: string;
  /** Events read per page; memory stays bounded by one page however large the store. */
  pageSize?: number;
}

export interface Subscription {
  /** Resolves once the subscription has stopped delivering. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive: start after this global position (a stored checkpoint); absent means from the beginning. */
  after?: string;
  /** Called for each event in global order: first the catch-up, then live ones. Awaited before the next. */
  onEvent: (event: RecordedEvent) => Promise<void> | void;
  onError?: (error: Error) => void;
}

export interface StreamSummary {
  stream: string;
  lastRevision: number;
}

export interface ListStreamsOptions {
  /** Only streams whose name starts with this (e.g. "access-": the access log's days); found without reading other streams. */
  prefix?: string;
}

/** The event store port. Every adapter passes test/eventstore.contract.test.ts. */
export interface EventStore {
  append(stream: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` (inclusive) on, at most `maxCount` of them; an unknown stream reads as []. */
  readStream(stream: string, fromRevision?: number, maxCount?: number): Promise<RecordedEvent[]>;
  /**
   * One stream's records exactly as stored, NOT validated: for verifyStream only, so a tampered
   * record that no longer fits the schema is reported at its revision instead of failing the read.
   */
  readStoredStream(stream: string): Promise<unknown[]>;
  /** Events of all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Every event in global order, read a page at a time: for whole-store passes (audit, export, rebuild) at any size. */
  streamAll(options?: StreamAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Every stream, or those whose name starts with `prefix`, in the order each was first appended to. */
  listStreams(options?: ListStreamsOptions): Promise<StreamSummary[]>;
  close(): Promise<void>;
}
