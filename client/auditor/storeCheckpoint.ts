import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH } from '../../domain/eventEnvelope';
import { canonicalJson } from '../../eventstore/hashChain';
import { leafHash, merkleRoot, inclusionProof, rootFromProof, ProofStepSchema, type ProofStep } from './merkleTree';

/**
 * A signed checkpoint: the whole store folded into one Merkle root (one leaf per stream, its
 * head), signed with the checkpoint key (Ed25519). Each checkpoint names the hash of the one
 * before, so a removed or replaced checkpoint breaks the chain of them.
 */

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
const Position = z.string().regex(/^\d+$/, 'must be a decimal global position');

/** Where a stream stood: its last revision, that event's hash and global position. */
export const StreamHeadSchema = z.strictObject({
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  hash: Sha256Hex,
  position: Position,
});
export type StreamHead = z.infer<typeof StreamHeadSchema>;

export const CheckpointBodySchema = z.strictObject({
  sequence: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  /** The last global position the checkpoint covers: every event at or before it is committed to. */
  globalPosition: Position,
  streams: z.number().int().nonnegative(),
  root: Sha256Hex,
  /** The hash of the previous checkpoint's body, or the genesis hash for the first. */
  previous: Sha256Hex,
});
export type CheckpointBody = z.infer<typeof CheckpointBodySchema>;

export const SignedCheckpointSchema = z.strictObject({
  body: CheckpointBodySchema,
  keyId: z.string().min(1),
  /** base64url Ed25519 signature over the canonical JSON of the body. */
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

/**
 * A checkpoint as kept (the data of its event in the checkpoint stream, and a line of a copy
 * taken off the machine): the signed body and the heads that changed since the previous one,
 * so the full set of heads is the fold of every checkpoint so far and each stays small.
 */
export const KeptCheckpointSchema = z.strictObject({ checkpoint: SignedCheckpointSchema, changedHeads: z.array(StreamHeadSchema) });
export type KeptCheckpoint = z.infer<typeof KeptCheckpointSchema>;

/**
 * The checkpoints taken off the machine (`ses audit checkpoint export`): every kept one, in order,
 * and the key that signed them (for reading only: a verifier uses its own copy of the public key).
 */
export const CheckpointCopySchema = z.object({ publicKey: z.string().optional(), keyId: z.string().optional(), checkpoints: z.array(KeptCheckpointSchema) });
export type CheckpointCopy = z.infer<typeof CheckpointCopySchema>;

/** What proves one stream's head is in a checkpoint: the head and its sibling path to the root. */
export const InclusionProofSchema = z.strictObject({ head: StreamHeadSchema, path: z.array(ProofStepSchema) });
export type InclusionProof = z.infer<typeof InclusionProofSchema>;

export const checkpointHash = (body: CheckpointBody): string => createHash('sha256').update(canonicalJson(body)).digest('hex');
export const FIRST_PREVIOUS = GENESIS_HASH;

const headLeaf = (head: StreamHead): string => leafHash(canonicalJson(head));
const sortedHeads = (heads: ReadonlyMap<string, StreamHead>): StreamHead[] =>
  [...heads.values()].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));

export const rootOf = (heads: ReadonlyMap<string, StreamHead>): string => merkleRoot(sortedHeads(heads).map(headLeaf));

/** The inclusion proof of one stream's head, or undefined when the checkpoint does not hold the stream. */
export const proofFor = (heads: ReadonlyMap<string, StreamHead>, stream: string): InclusionProof | undefined => {
  const sorted = sortedHeads(heads);
  const index = sorted.findIndex((head) => head.stream === stream);
  return index === -1 ? undefined : { head: sorted[index]!, path: inclusionProof(sorted.map(headLeaf), index) };
};

export const proofLeadsTo = (proof: InclusionProof, root: string): boolean => rootFromProof(headLeaf(proof.head), proof.path as ProofStep[]) === root;

export const signCheckpoint = (body: CheckpointBody, key: { keyId: string; privateKey: KeyObject }): SignedCheckpoint => ({
  body,
  keyId: key.keyId,
  signature: sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64url'),
});

/** Why the signature does not hold (another key, or not this body), or undefined when it does. */
export const signatureProblem = (signed: SignedCheckpoint, key: { keyId: string; publicKey: KeyObject }): string | undefined => {
  if (signed.keyId !== key.keyId) return `checkpoint #${signed.body.sequence} is signed by key ${signed.keyId}, not the checkpoint key ${key.keyId}`;
  const holds = verify(null, Buffer.from(canonicalJson(signed.body)), key.publicKey, Buffer.from(signed.signature, 'base64url'));
  return holds ? undefined : `checkpoint #${signed.body.sequence}: the signature does not match its body`;
};

/** The checkpoint a check stands on, with every stream head it committed to. */
export interface Anchor {
  checkpoint: SignedCheckpoint;
  heads: Map<string, StreamHead>;
}

export type CheckpointChain = { ok: true; kept: KeptCheckpoint[]; latest: Anchor | null } | { ok: false; sequence: number; reason: string };

/**
 * The chain of kept checkpoints checked from the first: each signed by the key, numbered in
 * turn, naming the previous one's hash; and the heads folded up to the last giving exactly its
 * signed root (the earlier roots are not recomputed: nothing stands on them here).
 */
export const foldCheckpoints = (kept: readonly KeptCheckpoint[], key: { keyId: string; publicKey: KeyObject }): CheckpointChain => {
  const heads = new Map<string, StreamHead>();
  let previous = FIRST_PREVIOUS;
  for (const [index, { checkpoint, changedHeads }] of kept.entries()) {
    const { body } = checkpoint;
    const broken = (reason: string): CheckpointChain => ({ ok: false, sequence: index + 1, reason });
    if (body.sequence !== index + 1) return broken(`found checkpoint #${body.sequence} where #${index + 1} belongs: a checkpoint was removed or reordered`);
    if (body.previous !== previous)
      return broken(`checkpoint #${body.sequence} names previous ${body.previous}, but the checkpoint before it hashes to ${previous}`);
    const problem = signatureProblem(checkpoint, key);
    if (problem) return broken(problem);
    for (const head of changedHeads) heads.set(head.stream, head);
    previous = checkpointHash(body);
  }
  const last = kept.at(-1);
  if (!last) return { ok: true, kept: [], latest: null };
  // Only the one stood on needs its heads: the fold of every change so far must give its signed root.
  const { body } = last.checkpoint;
  if (heads.size !== body.streams || rootOf(heads) !== body.root)
    return { ok: false, sequence: body.sequence, reason: `checkpoint #${body.sequence}: its stream heads do not give its signed root ${body.root}` };
  return { ok: true, kept: [...kept], latest: { checkpoint: last.checkpoint, heads } };
};
