import { z } from 'zod';
import { GENESIS_HASH, proposedEvent, RecordedEventSchema } from '../../domain/eventEnvelope';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import { policyInForceOn } from '../../domain/policyVersions';
import { SYSTEM_ACTOR } from '../../domain/roles';
import type { EventStore } from '../../eventstore/eventStore';
import { CorruptEventError } from '../../eventstore/storedEvents';
import { StreamConflictError } from '../../eventstore/streamConflictError';
import { verifyRecords } from '../../eventstore/verifyStream';
import { describeIssues } from '../../eventstore/describeIssues';
import { decodeCursor, limitOf, pageFrom, type Page, type PageRequest } from '../paging';
import { ProblemError } from '../problem';
import type { CheckpointKey } from './checkpointKey';
import {
  CheckpointCopySchema,
  FIRST_PREVIOUS,
  KeptCheckpointSchema,
  checkpointHash,
  foldCheckpoints,
  rootOf,
  signCheckpoint,
  type Anchor,
  type CheckpointChain,
  type CheckpointCopy,
  type SignedCheckpoint,
  type KeptCheckpoint,
  type StreamHead,
} from './storeCheckpoint';
import { CHECKPOINT_STREAM } from './checkpointStream';

const STORE_CHECKPOINTED = 'StoreCheckpointed';
/** Events read from the store at a time while the heads are brought up to date. */
const READ_BATCH = 1_000;

const after = (a: string, b: string): boolean => BigInt(a) > BigInt(b);

/** A checkpoint is never signed over a store that no longer holds what the previous one committed to: that would launder the change. */
const diverged = (message: string) => new ProblemError({ status: 409, error: 'checkpoint.store-diverged', message: `not signing a checkpoint: ${message}` });

/** Which checkpoint a verification stood on, and whether the checkpoints themselves hold. */
export interface CheckpointReport {
  source: 'store' | 'given';
  ok: boolean;
  sequence?: number;
  createdAt?: string;
  globalPosition?: string;
  root?: string;
  keyId?: string;
  /** What does not hold (the chain of checkpoints, a signature, a rollback), or why nothing was anchored. */
  problem?: string;
  note?: string;
}

const usedFrom = (anchor: Anchor) => {
  const { sequence, createdAt, globalPosition, root } = anchor.checkpoint.body;
  return { sequence, createdAt, globalPosition, root, keyId: anchor.checkpoint.keyId };
};

export class Checkpoints {
  constructor(
    private readonly store: EventStore,
    readonly key: CheckpointKey,
  ) {}

  /** Every kept checkpoint, checked from the first; a broken one is named, never skipped. */
  async stored(): Promise<CheckpointChain> {
    const records = await this.store.readStoredStream(CHECKPOINT_STREAM);
    if (records.length === 0) return { ok: true, kept: [], latest: null };
    const chain = verifyRecords(CHECKPOINT_STREAM, records);
    if (!chain.ok)
      return { ok: false, sequence: chain.brokenRevision + 1, reason: `the checkpoint stream is broken at revision ${chain.brokenRevision}: ${chain.reason}` };
    const kept: KeptCheckpoint[] = [];
    for (const [revision, record] of records.entries()) {
      const parsed = KeptCheckpointSchema.safeParse(RecordedEventSchema.parse(record).data);
      if (!parsed.success)
        return { ok: false, sequence: revision + 1, reason: `checkpoint #${revision + 1} is not a checkpoint: ${describeIssues('data', parsed.error)}` };
      kept.push(parsed.data);
    }
    return foldCheckpoints(kept, this.key.verifying());
  }

  /**
   * The checkpoint a verification stands on: the latest kept one, or the latest of an auditor's
   * own copy (`checkpoint export`), which must also still be in the store: a copy ahead of the
   * store, or differing from it, means checkpoints were removed, rolled back or replaced.
   */
  async reference(copy?: unknown): Promise<{ anchor: Anchor | null; report: CheckpointReport }> {
    const stored = await this.stored();
    if (copy === undefined) {
      if (!stored.ok)
        return { anchor: null, report: { source: 'store', ok: false, problem: `the kept checkpoints do not hold at #${stored.sequence}: ${stored.reason}` } };
      if (!stored.latest)
        return { anchor: null, report: { source: 'store', ok: true, note: 'no checkpoint yet: the hash chains were checked, their heads not anchored' } };
      return { anchor: stored.latest, report: { source: 'store', ok: true, ...usedFrom(stored.latest) } };
    }
    const parsed = CheckpointCopySchema.safeParse(copy);
    if (!parsed.success) throw new ProblemError({ status: 400, error: 'validation', message: `checkpoint copy: ${describeIssues('copy', parsed.error)}` });
    const given = foldCheckpoints(parsed.data.checkpoints, this.key.verifying());
    if (!given.ok) return { anchor: null, report: { source: 'given', ok: false, problem: `your copy does not hold at #${given.sequence}: ${given.reason}` } };
    if (!given.latest) throw new ProblemError({ status: 400, error: 'validation', message: 'checkpoint copy: it holds no checkpoint' });
    const used = { source: 'given' as const, ...usedFrom(given.latest) };
    const problem = !stored.ok
      ? `the kept checkpoints do not hold at #${stored.sequence}: ${stored.reason}`
      : given.kept.length > stored.kept.length
        ? `the store keeps checkpoints up to #${stored.kept.length}, your copy holds #${given.kept.length}: checkpoints were removed or rolled back`
        : given.kept
            .map((kept, i) =>
              checkpointHash(kept.checkpoint.body) === checkpointHash(stored.kept[i]!.checkpoint.body)
                ? undefined
                : `checkpoint #${i + 1} in the store is not the one in your copy: it was replaced`,
            )
            .find(Boolean);
    return { anchor: given.latest, report: { ...used, ok: problem === undefined, ...(problem ? { problem } : {}) } };
  }

  /** The kept checkpoints, oldest first, a page at a time (client/paging), with the key they verify with; 409 when their chain does not hold. */
  async page(request: PageRequest): Promise<Page<SignedCheckpoint> & { publicKey: string; keyId: string }> {
    const stored = await this.stored();
    if (!stored.ok)
      throw new ProblemError({
        status: 409,
        error: 'checkpoints.broken',
        message: `the kept checkpoints do not hold at #${stored.sequence}: ${stored.reason}`,
      });
    const after = decodeCursor(request.after, z.number().int().nonnegative()) ?? 0;
    const limit = limitOf(request);
    const { published, keyId } = this.key.verifying();
    return {
      publicKey: published,
      keyId,
      ...pageFrom(
        stored.kept.slice(after, after + limit + 1).map((kept) => kept.checkpoint),
        limit,
        (checkpoint) => checkpoint.body.sequence,
      ),
    };
  }

  /** Every kept checkpoint with its heads, to take off the machine: `verify --checkpoint` stands on it later. */
  async copy(): Promise<CheckpointCopy> {
    const stored = await this.stored();
    if (!stored.ok)
      throw new ProblemError({
        status: 409,
        error: 'checkpoints.broken',
        message: `the kept checkpoints do not hold at #${stored.sequence}: ${stored.reason}`,
      });
    const { published, keyId } = this.key.verifying();
    return { publicKey: published, keyId, checkpoints: stored.kept };
  }

  /**
   * Signs a checkpoint of the store as it stands, unless nothing moved since the latest one
   * (then that one is the answer). The heads are the latest checkpoint's, brought forward with
   * the events after it: a prefix of the global order, so the heads are one consistent moment.
   * Each of those events must continue its stream's checkpointed head, else nothing is signed:
   * an old stream tampered with since (renumbered, rewritten) is never signed over as the record.
   */
  async create(now: Date = new Date()): Promise<{ created: boolean; anchor: Anchor }> {
    for (;;) {
      const stored = await this.stored();
      if (!stored.ok) throw diverged(`the kept checkpoints do not hold at #${stored.sequence}: ${stored.reason}`);
      const heads = new Map<string, StreamHead>(stored.latest?.heads);
      const changed = new Map<string, StreamHead>();
      const from = stored.latest?.checkpoint.body.globalPosition;
      let globalPosition = from ?? '0';
      let cursor = from;
      for (;;) {
        const events = await this.store.readAll({ after: cursor, maxCount: READ_BATCH }).catch((error: unknown) => {
          throw error instanceof CorruptEventError ? diverged(`${error.message} (audit verify names it)`) : error;
        });
        for (const event of events) {
          cursor = event.position;
          if (event.stream === CHECKPOINT_STREAM) continue;
          const before = heads.get(event.stream);
          if (event.revision !== (before ? before.revision + 1 : 0) || event.meta.prevHash !== (before?.hash ?? GENESIS_HASH)) {
            throw diverged(
              `${event.stream} revision ${event.revision} at position ${event.position} does not follow the head checkpoint #${stored.kept.length} holds ` +
                `(${before ? `revision ${before.revision}, hash ${before.hash}` : 'no such stream'}): the store was changed behind its back (audit verify --all names where)`,
            );
          }
          const head = { stream: event.stream, revision: event.revision, hash: event.meta.hash, position: event.position };
          heads.set(event.stream, head);
          changed.set(event.stream, head);
          globalPosition = event.position;
        }
        if (events.length < READ_BATCH) break;
      }
      if (stored.latest && from !== undefined && !after(globalPosition, from)) return { created: false, anchor: stored.latest };
      const body = {
        sequence: stored.kept.length + 1,
        createdAt: now.toISOString(),
        globalPosition,
        streams: heads.size,
        root: rootOf(heads),
        previous: stored.latest ? checkpointHash(stored.latest.checkpoint.body) : FIRST_PREVIOUS,
      };
      const kept: KeptCheckpoint = { checkpoint: signCheckpoint(body, this.key.signing()), changedHeads: [...changed.values()] };
      const event = proposedEvent({ type: STORE_CHECKPOINTED, data: kept, occurredAt: body.createdAt }, 1, {
        actor: SYSTEM_ACTOR,
        workflowId: CHECKPOINT_STREAM,
        runId: 'no-workflow',
        correlationId: `checkpoint-${body.sequence}`,
        causationId: `checkpoint-${body.sequence}`,
        policyVersion: policyInForceOn(agencyDateOf(body.createdAt, null))?.id ?? 'none',
      });
      try {
        await this.store.append(CHECKPOINT_STREAM, stored.kept.length === 0 ? 'no_stream' : stored.kept.length - 1, [event]);
        return { created: true, anchor: { checkpoint: kept.checkpoint, heads } };
      } catch (error) {
        // Another instance signed one meanwhile: build on it instead.
        if (!(error instanceof StreamConflictError)) throw error;
      }
    }
  }

  /**
   * Signs a checkpoint every `intervalSeconds` while the store moves (the API's timer);
   * stop() waits for one under way, so a shutdown never cuts an append in half.
   */
  every(intervalSeconds: number, onError: (error: Error) => void): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      running = running.then(() => this.create()).catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
    }, intervalSeconds * 1000);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }
}
