import { z } from 'zod';
import { GENESIS_HASH, ProposedEventSchema, type ProposedEvent, type RecordedEvent } from '../domain/eventEnvelope';
import { describeIssues } from './describeIssues';
import type { ExpectedRevision } from './eventStore';
import { canonicalEventText, canonicalJson, canonicalMetaText, eventIdFor, hashEventText } from './hashChain';
import { InvalidEventError } from './invalidEventError';
import { StreamConflictError } from './streamConflictError';

/**
 * The append rules of every adapter, in one place (architecture rule 3): the adapter reads the
 * stream's tail (and, on a mismatch, the events already at the claimed revisions), this module
 * decides, and the adapter writes the planned events and assigns their global positions.
 */

/** A recorded event before the store gives it a global position. */
export type PlannedEvent = Omit<RecordedEvent, 'position'>;

/** Where a stream ends: its last revision (-1 when it does not exist) and that event's hash. */
export interface StreamTail {
  lastRevision: number;
  lastHash: string;
}

export function tailOf(lastEvent: RecordedEvent | undefined): StreamTail {
  return lastEvent ? { lastRevision: lastEvent.revision, lastHash: lastEvent.meta.hash } : { lastRevision: -1, lastHash: GENESIS_HASH };
}

/** A proposed event that passed validation, with its data as canonical JSON: computed once, then hashed and stored as is. */
export interface ValidatedEvent {
  event: ProposedEvent;
  dataJson: string;
}

/** A planned event's data and meta as the canonical JSON its hash covers: what a store that keeps text writes. */
export interface EventColumns {
  data: string;
  meta: string;
}

export type AppendPlan =
  /** Write these events (columns: their text, index for index); on success the stream ends at nextExpectedRevision. */
  | { kind: 'write'; events: PlannedEvent[]; columns: EventColumns[]; nextExpectedRevision: number }
  /** The very same events are already stored: write nothing, answer as the first append did. */
  | { kind: 'repeat'; events: RecordedEvent[]; nextExpectedRevision: number };

// Built once: a zod schema is compiled on first use, and building it per append paid that again every time.
const ExpectedRevisionSchema = z.union([z.literal('any'), z.literal('no_stream'), z.number().int().min(-1)]);
const ProposedEventsSchema = z.array(ProposedEventSchema);

/** Run before anything is read or written, so bad input fails fast and names the field. */
export function validateProposedEvents(stream: string, expected: ExpectedRevision, events: unknown): ValidatedEvent[] {
  if (stream.length === 0) throw new InvalidEventError(stream, 'the stream name is empty');
  if (!ExpectedRevisionSchema.safeParse(expected).success) {
    throw new InvalidEventError(stream, `expected revision ${String(expected)} is not 'any', 'no_stream' or an integer >= -1`);
  }
  const parsed = ProposedEventsSchema.safeParse(events);
  if (!parsed.success) throw new InvalidEventError(stream, describeIssues('events', parsed.error));
  return parsed.data.map((event, index) => {
    try {
      return { event, dataJson: canonicalJson(event.data, `events[${index}].data`) };
    } catch (error) {
      throw new InvalidEventError(stream, (error as Error).message);
    }
  });
}

/** The revision the appender believes is last; undefined for 'any'. */
function expectedLastRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'any') return undefined;
  return expected === 'no_stream' ? -1 : expected;
}

/**
 * Which stored events the adapter must load before planning: those at the revisions this append
 * claims, when the stream has already moved past the expected revision (a possible retry).
 */
export function revisionsToCompare(expected: ExpectedRevision, tail: StreamTail, count: number): { fromRevision: number; count: number } | undefined {
  const last = expectedLastRevision(expected);
  if (last === undefined || count === 0 || tail.lastRevision <= last) return undefined;
  return { fromRevision: last + 1, count };
}

/** Gives the proposed events their revisions, derived ids and hash chain, with the canonical text that chain was computed over. */
function chain(stream: string, events: ValidatedEvent[], firstRevision: number, prevHash: string): { events: PlannedEvent[]; columns: EventColumns[] } {
  const planned: PlannedEvent[] = [];
  const columns: EventColumns[] = [];
  events.forEach(({ event, dataJson }, index) => {
    const id = eventIdFor(stream, firstRevision + index);
    const revision = firstRevision + index;
    const unhashedMeta = { ...event.meta, prevHash };
    const metaText = canonicalMetaText(unhashedMeta);
    const text = canonicalEventText({ id, stream, revision, type: event.type, schemaVersion: event.schemaVersion, dataJson, metaJson: metaText.unhashed });
    prevHash = hashEventText(prevHash, text);
    const meta = { ...unhashedMeta, hash: prevHash };
    planned.push({ id, stream, revision, type: event.type, schemaVersion: event.schemaVersion, data: event.data, meta });
    columns.push({ data: dataJson, meta: metaText.withHash(prevHash) });
  });
  return { events: planned, columns };
}

/** Same revisions and same hashes; the hash covers id, content and the chain before it. */
export function sameEvents(planned: PlannedEvent[], stored: RecordedEvent[]): boolean {
  return planned.length === stored.length && planned.every((event, i) => stored[i]!.revision === event.revision && stored[i]!.meta.hash === event.meta.hash);
}

/**
 * Decides an append. `stored` holds the events at the revisions `revisionsToCompare` named
 * (empty when it named none). Throws StreamConflictError; a different event at an occupied
 * revision is always a conflict, never an overwrite.
 */
export function planAppend(input: {
  stream: string;
  expected: ExpectedRevision;
  events: ValidatedEvent[];
  tail: StreamTail;
  stored: RecordedEvent[];
}): AppendPlan {
  const { stream, expected, events, tail, stored } = input;
  const last = expectedLastRevision(expected);
  if (last === undefined || last === tail.lastRevision) {
    return { kind: 'write', ...chain(stream, events, tail.lastRevision + 1, tail.lastHash), nextExpectedRevision: tail.lastRevision + events.length };
  }
  const claimed = revisionsToCompare(expected, tail, events.length);
  const anchor = stored[0];
  if (claimed && anchor && sameEvents(chain(stream, events, claimed.fromRevision, anchor.meta.prevHash).events, stored)) {
    return { kind: 'repeat', events: stored, nextExpectedRevision: claimed.fromRevision + claimed.count - 1 };
  }
  throw new StreamConflictError(stream, expected, tail.lastRevision === -1 ? 'no_stream' : tail.lastRevision);
}
