import type { EventStore } from '../../eventstore/eventStore';
import { ChainWalk, type ChainLink, type VerifyResult } from '../../eventstore/verifyStream';
import { CHECKPOINT_STREAM } from './checkpointStream';
import type { Anchor, SignedCheckpoint, StreamHead } from './storeCheckpoint';

const deletedReason = (head: StreamHead, sequence: number) =>
  `checkpoint #${sequence} holds this stream through revision ${head.revision}, the store has none of it: the stream was deleted`;

/**
 * A hash chain proves each event follows the one before; only a signed checkpoint proves where a
 * stream ended. Against one, a stream must still hold the checkpointed head (same revision, hash
 * and global position; later appends are fine), and nothing may stand at or before the
 * checkpoint's global position that the checkpoint did not hold.
 */
export function anchorProblem(
  events: readonly ChainLink[],
  head: StreamHead | undefined,
  checkpoint: SignedCheckpoint,
): { brokenRevision: number; reason: string } | undefined {
  const { sequence, globalPosition } = checkpoint.body;
  const covered = (event: ChainLink) => BigInt(event.position) <= BigInt(globalPosition);
  const slipped = (event: ChainLink) => ({
    brokenRevision: event.revision,
    reason: `revision ${event.revision} stands at global position ${event.position}, at or before checkpoint #${sequence}'s position ${globalPosition}, but the checkpoint ${head ? `holds the stream only through revision ${head.revision}` : 'does not hold this stream'}: it was added after the checkpoint`,
  });
  if (!head) {
    const early = events.find(covered);
    return early && slipped(early);
  }
  if (events.length === 0) return { brokenRevision: 0, reason: deletedReason(head, sequence) };
  const at = events[head.revision];
  if (!at) {
    return {
      brokenRevision: events.length,
      reason: `the stream ends at revision ${events.length - 1}, but checkpoint #${sequence} holds it through revision ${head.revision} (hash ${head.hash}): events were removed`,
    };
  }
  if (at.hash !== head.hash) {
    return {
      brokenRevision: head.revision,
      reason: `revision ${head.revision} hashes to ${at.hash}, but checkpoint #${sequence} holds ${head.hash}: the stream was rewritten`,
    };
  }
  if (at.position !== head.position) {
    return {
      brokenRevision: head.revision,
      reason: `revision ${head.revision} stands at global position ${at.position}, but checkpoint #${sequence} holds position ${head.position}: global positions were renumbered`,
    };
  }
  const inserted = events.slice(head.revision + 1).find(covered);
  return inserted && slipped(inserted);
}

/** One stream: its hash chain first (the first broken revision), then against the checkpoint. */
export async function verifyStreamAnchored(store: EventStore, stream: string, anchor: Anchor | null): Promise<VerifyResult> {
  const walk = new ChainWalk(stream);
  const links: ChainLink[] = [];
  for (const record of await store.readStoredStream(stream)) {
    const link = walk.record(record);
    if (!link) break;
    links.push(link);
  }
  return anchored(walk.result(), links, anchor);
}

/** A stream's chain verdict, then its links (the events the chain check let through) against the checkpoint. */
export function anchored(chain: VerifyResult, links: readonly ChainLink[], anchor: Anchor | null): VerifyResult {
  // The checkpoint stream is left out of the root it commits to; its own chain is checked with it.
  if (!chain.ok || !anchor || chain.stream === CHECKPOINT_STREAM) return chain;
  const problem = anchorProblem(links, anchor.heads.get(chain.stream), anchor.checkpoint);
  return problem ? { ok: false, stream: chain.stream, ...problem } : chain;
}

/** The streams the checkpoint holds that the store no longer has at all. */
export function deletedStreams(anchor: Anchor, present: ReadonlySet<string>): VerifyResult[] {
  return [...anchor.heads.values()]
    .filter((head) => !present.has(head.stream))
    .map((head) => ({
      ok: false,
      stream: head.stream,
      brokenRevision: 0,
      reason: deletedReason(head, anchor.checkpoint.body.sequence),
    }));
}
