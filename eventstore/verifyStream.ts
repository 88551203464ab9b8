import { GENESIS_HASH, RecordedEventSchema } from '../domain/eventEnvelope';
import { describeIssues } from './describeIssues';
import type { EventStore } from './eventStore';
import { eventIdFor, hashEvent } from './hashChain';

export type VerifyResult =
  { ok: true; stream: string; events: number; lastHash: string } | { ok: false; stream: string; brokenRevision: number; reason: string };

/**
 * The auditor's check (architecture rule 4): walks the stream as stored, from the genesis hash,
 * and names the first revision whose record, id, link or hash does not hold.
 */
export async function verifyStream(store: EventStore, stream: string): Promise<VerifyResult> {
  // Unvalidated records: a tampered one must be reported at its revision, not abort the read.
  return verifyRecords(stream, await store.readStoredStream(stream));
}

/**
 * The chain check itself, on one stream's records in revision order wherever they come from:
 * the store, or an export verified offline. A missing record shows as the revision after it
 * standing where it belongs.
 */
export function verifyRecords(stream: string, records: readonly unknown[]): VerifyResult {
  let prevHash = GENESIS_HASH;
  let prevPosition = -1n;
  for (const [revision, record] of records.entries()) {
    const broken = (reason: string): VerifyResult => ({ ok: false, stream, brokenRevision: revision, reason });
    const parsed = RecordedEventSchema.safeParse(record);
    if (!parsed.success) return broken(`the record does not fit the event schema: ${describeIssues('event', parsed.error)}`);
    const event = parsed.data;
    if (event.stream !== stream) return broken(`the record belongs to stream ${event.stream}, not ${stream}`);
    if (event.revision !== revision) return broken(`found revision ${event.revision} where revision ${revision} belongs`);
    if (event.id !== eventIdFor(stream, revision)) return broken(`id ${event.id} is not the id derived from ${stream}/${revision}`);
    // A stream's events stand in the global order as they were appended: a later revision never before an earlier one.
    if (BigInt(event.position) <= prevPosition)
      return broken(`global position ${event.position} is not after revision ${revision - 1}'s position ${prevPosition}: positions were renumbered`);
    prevPosition = BigInt(event.position);
    if (event.meta.prevHash !== prevHash) return broken(`prevHash ${event.meta.prevHash} is not the previous event's hash ${prevHash}`);
    const { hash, ...metaWithoutHash } = event.meta;
    const recomputed = hashEvent(prevHash, {
      id: event.id,
      stream: event.stream,
      revision: event.revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      meta: metaWithoutHash,
    });
    if (recomputed !== hash) return broken(`the content no longer matches its hash (stored ${hash}, recomputed ${recomputed})`);
    prevHash = hash;
  }
  return { ok: true, stream, events: records.length, lastHash: prevHash };
}
