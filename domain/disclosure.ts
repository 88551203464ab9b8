import { z } from 'zod';
import { eventCatalog } from './eventSchemas';
import { PersonIdSchema, RoleSchema } from './roles';

/**
 * The accounting of disclosures (Privacy Act, 5 U.S.C. 552a(c)) as events: each read or
 * export of a case record is a `RecordDisclosed` in the access log's own streams, one per
 * UTC day (`access-2026-03-02`), never in a case's stream: reading a case does not change
 * it. Day streams stay short, so an append finds its tail at once and a time range reads
 * only its days; the store's hash chain covers them like every other stream.
 */

export const RECORD_DISCLOSED = 'RecordDisclosed';

/** The category prefix: no process, delegation or other stream starts with it. */
export const ACCESS_LOG_CATEGORY = 'access-';

const DaySchema = z.iso.date();

/** The stream of one UTC day's disclosures. */
export const accessLogStreamOf = (day: string): string => `${ACCESS_LOG_CATEGORY}${DaySchema.parse(day)}`;

/** The day of an access-log stream, or null for any other stream. */
export const dayOfAccessLogStream = (stream: string): string | null => {
  const day = stream.slice(ACCESS_LOG_CATEGORY.length);
  return stream.startsWith(ACCESS_LOG_CATEGORY) && DaySchema.safeParse(day).success ? day : null;
};

export const isAccessLogStream = (stream: string): boolean => dayOfAccessLogStream(stream) !== null;

/** Who read (with the roles they held), what they did, which case streams it disclosed, and why. The instant is the envelope's occurredAt. */
export const RecordDisclosedSchema = z.object({
  personId: PersonIdSchema,
  roles: z.array(RoleSchema).min(1, 'must name the roles the person read in'),
  action: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'must be dotted lowercase words, e.g. "qrb.status" or "audit.export"'),
  streams: z.array(z.string().min(1)).min(1, 'must name at least one stream: a disclosure is of a case'),
  purpose: z.string().trim().min(1, 'must say why the record was read'),
});
export type RecordDisclosed = z.infer<typeof RecordDisclosedSchema>;

/** The access log's one event type, at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const disclosureEvents = eventCatalog('access-log', { [RECORD_DISCLOSED]: RecordDisclosedSchema });

/** The schema version stamped on a new RecordDisclosed. */
export const DISCLOSURE_EVENT_SCHEMA_VERSION = disclosureEvents.eventVersion(RECORD_DISCLOSED);

/** Validates a stored disclosure's payload against its version, and upcasts it. */
export const parseRecordDisclosed = (stored: { type: string; schemaVersion: number; data: unknown }): RecordDisclosed => {
  if (stored.type !== RECORD_DISCLOSED) throw new Error(`an access-log stream holds a "${stored.type}" event; only ${RECORD_DISCLOSED} belongs there`);
  return disclosureEvents.payload(stored);
};
