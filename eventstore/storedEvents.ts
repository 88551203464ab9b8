import { RecordedEventSchema, type RecordedEvent } from '../domain/eventEnvelope';
import { describeIssues } from './describeIssues';
import { isDeepStrictEqual } from 'node:util';
import { canonicalEventText, hashEventText, isCanonicalTextOf, metaWithoutHash } from './hashChain';

/** One stored event as its columns hold it: data and meta as the text the store wrote. */
export interface StoredText {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: string;
  meta: string;
}

/**
 * The SELECT list of the SQLite events table as StoredText (position as decimal text, as
 * RecordedEvent holds it). The text alias would shadow the column in ORDER BY (sorting "10" before
 * "9"): queries name events.position. Read with `.raw(true)` and storedTextOf: building the object
 * in JavaScript costs a quarter less than better-sqlite3 building it (measured).
 */
export const STORED_TEXT_COLUMNS = 'CAST(position AS TEXT) AS position, stream, revision, id, type, schema_version AS schemaVersion, data, meta';

/** A row of STORED_TEXT_COLUMNS as `.raw(true)` gives it. */
export type StoredRow = [position: string, stream: string, revision: number, id: string, type: string, schemaVersion: number, data: string, meta: string];

export const storedTextOf = ([position, stream, revision, id, type, schemaVersion, data, meta]: StoredRow): StoredText => ({
  position,
  stream,
  revision,
  id,
  type,
  schemaVersion,
  data,
  meta,
});

/** Stored JSON that no longer parses is kept as its text, so validation names the field instead of crashing. */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A row's columns as a record for the schema check: its JSON parsed, kept as text when it no longer parses. */
export const recordOf = (row: StoredText): unknown => ({
  id: row.id,
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  type: row.type,
  schemaVersion: row.schemaVersion,
  data: parseStoredJson(row.data),
  meta: parseStoredJson(row.meta),
});

/** A stored record that no longer fits the event schema: the store was changed behind its back. */
export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';
}

/** Every read passes through here: a record the schema rejects is an error naming where it sits. */
export function toRecordedEvent(stored: unknown, where: { stream: string; revision: number | bigint }): RecordedEvent {
  const parsed = RecordedEventSchema.safeParse(stored);
  if (!parsed.success) {
    throw new CorruptEventError(`corrupt event in stream "${where.stream}" at revision ${where.revision}: ${describeIssues('event', parsed.error)}`);
  }
  return parsed.data;
}

// Built once: the event schema without its data, whose check is the canonical text below (the data's schema is "an object").
export const EnvelopeSchema = RecordedEventSchema.omit({ data: true });

/**
 * The row as the event schema reads it, without a schema pass over its data: every field but data
 * passes the event schema and data is a JSON object (all the schema asks of data). Undefined for any
 * other row, which the caller's full check decides and names: reads refuse what they refused.
 */
export function readWithinSchema(row: StoredText): RecordedEvent | undefined {
  return parsedWithinSchema(row)?.event;
}

/** readWithinSchema, with meta also as JSON.parse gave it (before the schema's copy). */
function parsedWithinSchema(row: StoredText): { event: RecordedEvent; parsedMeta: unknown } | undefined {
  if (typeof row.data !== 'string' || row.data[0] !== '{' || typeof row.meta !== 'string') return undefined;
  let data: unknown;
  let parsedMeta: unknown;
  try {
    data = JSON.parse(row.data);
    parsedMeta = JSON.parse(row.meta);
  } catch {
    return undefined;
  }
  // The schema drops a top-level "__proto__" key from data (however the text spells it), so such a row's data is not what the schema gives.
  if (Object.hasOwn(data as object, '__proto__')) return undefined;
  const { id, stream, revision, position, type, schemaVersion } = row;
  const envelope = EnvelopeSchema.safeParse({ id, stream, revision, position, type, schemaVersion, meta: parsedMeta });
  return envelope.success ? { event: { ...envelope.data, data: data as RecordedEvent['data'] }, parsedMeta } : undefined;
}

/**
 * The row as the event an append wrote, without the full check, when it is exactly what an append
 * writes: it reads within the schema (above), data and meta are the canonical text of their values
 * (so the schema's output hashes to the very text stored), and that text reproduces the row's hash.
 * Undefined for any other row (a row from before canonical text, a changed row, a forged row with a
 * recomputed hash): the caller's full check decides it, so the fast path never changes a verdict.
 */
export function provenByHash(row: StoredText): RecordedEvent | undefined {
  const parsed = parsedWithinSchema(row);
  if (!parsed) return undefined;
  const { event, parsedMeta } = parsed;
  // data is JSON.parse's own value; meta must also be exactly the schema's output (nothing stripped or changed by it).
  if (!isCanonicalTextOf(event.data, row.data) || !isCanonicalTextOf(parsedMeta, row.meta) || !isDeepStrictEqual(parsedMeta, event.meta)) return undefined;
  const { id, stream, revision, type, schemaVersion } = row;
  const { hash, prevHash } = event.meta;
  const metaJson = metaWithoutHash(row.meta, hash);
  if (metaJson === undefined) return undefined;
  const text = canonicalEventText({ id, stream, revision, type, schemaVersion, dataJson: row.data, metaJson });
  return hashEventText(prevHash, text) === hash ? event : undefined;
}
