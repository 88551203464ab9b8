import { RecordedEventSchema, type RecordedEvent } from '../domain/eventEnvelope';
import { describeIssues } from './describeIssues';

/** Stored JSON that no longer parses is kept as its text, so validation names the field instead of crashing. */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

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
