import { GENESIS_HASH, RecordedEventSchema } from '../domain/eventEnvelope';
import { describeIssues } from './describeIssues';
import type { EventStore } from './eventStore';
import { eventIdFor, hashEvent } from './hashChain';
import { provenByHash, recordOf, type StoredText } from './storedEvents';

export type VerifyResult =
  { ok: true; stream: string; events: number; lastHash: string } | { ok: false; stream: string; brokenRevision: number; reason: string };

/** What the checkpoint check needs of each event the chain check let through. */
export interface ChainLink {
  revision: number;
  position: string;
  hash: string;
}

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
  const walk = new ChainWalk(stream);
  for (const record of records) if (!walk.record(record)) break;
  return walk.result();
}

/**
 * One stream's chain a record at a time, in revision order: between records it keeps only the
 * previous hash and position, so a stream of any length is checked in constant memory. After the
 * first broken revision it takes nothing more (that revision is the verdict).
 */
export class ChainWalk {
  private prevHash = GENESIS_HASH;
  private prevPosition = -1n;
  private revision = 0;
  private broken: { brokenRevision: number; reason: string } | undefined;

  constructor(readonly stream: string) {}

  /** The full check of a record as read from storage: the event schema, then its place, id, link and hash. Undefined once the chain is broken. */
  record(record: unknown): ChainLink | undefined {
    if (this.broken) return undefined;
    return this.withinStack(() => this.fullCheck(record));
  }

  /**
   * A stored row: taken on its hash when it is exactly what an append writes (provenByHash, the
   * store's reads use the same test); any other row takes the full check, which gives the verdict
   * and its reason, so both paths judge every row alike.
   */
  storedText(row: StoredText): ChainLink | undefined {
    if (this.broken) return undefined;
    return this.withinStack(() => this.provenLink(row) ?? this.fullCheck(recordOf(row)));
  }

  result(): VerifyResult {
    return this.broken ? { ok: false, stream: this.stream, ...this.broken } : { ok: true, stream: this.stream, events: this.revision, lastHash: this.prevHash };
  }

  /** Data nested deeper than the stack can follow (only a forged row holds such) is that revision's verdict, never an abort of the whole audit. */
  private withinStack(check: () => ChainLink | undefined): ChainLink | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.broken = { brokenRevision: this.revision, reason: `the record nests deeper than its hash can be recomputed (${error.message})` };
      return undefined;
    }
  }

  private fullCheck(record: unknown): ChainLink | undefined {
    const revision = this.revision;
    const broken = (reason: string): undefined => {
      this.broken = { brokenRevision: revision, reason };
      return undefined;
    };
    const parsed = RecordedEventSchema.safeParse(record);
    if (!parsed.success) return broken(`the record does not fit the event schema: ${describeIssues('event', parsed.error)}`);
    const event = parsed.data;
    if (event.stream !== this.stream) return broken(`the record belongs to stream ${event.stream}, not ${this.stream}`);
    if (event.revision !== revision) return broken(`found revision ${event.revision} where revision ${revision} belongs`);
    if (event.id !== eventIdFor(this.stream, revision)) return broken(`id ${event.id} is not the id derived from ${this.stream}/${revision}`);
    // A stream's events stand in the global order as they were appended: a later revision never before an earlier one.
    if (BigInt(event.position) <= this.prevPosition)
      return broken(`global position ${event.position} is not after revision ${revision - 1}'s position ${this.prevPosition}: positions were renumbered`);
    if (event.meta.prevHash !== this.prevHash) return broken(`prevHash ${event.meta.prevHash} is not the previous event's hash ${this.prevHash}`);
    const { hash, ...metaWithoutHash } = event.meta;
    const recomputed = hashEvent(this.prevHash, {
      id: event.id,
      stream: event.stream,
      revision: event.revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      meta: metaWithoutHash,
    });
    if (recomputed !== hash) return broken(`the content no longer matches its hash (stored ${hash}, recomputed ${recomputed})`);
    return this.link(event.position, hash);
  }

  /** The row when provenByHash takes it and it stands where this stream's next link belongs; undefined sends it to the full check. */
  private provenLink(row: StoredText): ChainLink | undefined {
    const event = provenByHash(row);
    const revision = this.revision;
    if (!event || event.stream !== this.stream || event.revision !== revision || event.meta.prevHash !== this.prevHash) return undefined;
    if (BigInt(event.position) <= this.prevPosition || event.id !== eventIdFor(this.stream, revision)) return undefined;
    return this.link(event.position, event.meta.hash);
  }

  private link(position: string, hash: string): ChainLink {
    const link = { revision: this.revision, position, hash };
    this.prevHash = hash;
    this.prevPosition = BigInt(position);
    this.revision++;
    return link;
  }
}
