import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A SHA-256 Merkle tree with leaf and node domain separation (RFC 6962's 0x00 / 0x01 prefixes),
 * so no leaf can pass for an inner node. An odd node out is carried up unchanged, never
 * paired with itself, so two different leaf lists cannot share a root.
 */

const sha256 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

export const leafHash = (content: string): string => sha256(Buffer.from([0]), content);
const nodeHash = (left: string, right: string): string => sha256(Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex'));

/** The root of no leaves: a fixed value, so an empty store still has a checkpoint to sign. */
export const EMPTY_ROOT = sha256('');

/** One step of an inclusion proof: the sibling's hash and on which side it stands. */
export const ProofStepSchema = z.strictObject({ side: z.enum(['left', 'right']), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type ProofStep = z.infer<typeof ProofStepSchema>;

const levelAbove = (level: readonly string[]): string[] => {
  const above: string[] = [];
  for (let i = 0; i < level.length; i += 2) above.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
  return above;
};

export const merkleRoot = (leaves: readonly string[]): string => {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = [...leaves];
  while (level.length > 1) level = levelAbove(level);
  return level[0]!;
};

/** The sibling path from leaf `index` up to the root. */
export const inclusionProof = (leaves: readonly string[], index: number): ProofStep[] => {
  const proof: ProofStep[] = [];
  let level = [...leaves];
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 0 ? at + 1 : at - 1;
    if (sibling < level.length) proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    level = levelAbove(level);
    at = Math.floor(at / 2);
  }
  return proof;
};

/** The root a leaf and its path lead to: equal to a signed root, the leaf is in that tree. */
export const rootFromProof = (leaf: string, proof: readonly ProofStep[]): string =>
  proof.reduce((hash, step) => (step.side === 'left' ? nodeHash(step.hash, hash) : nodeHash(hash, step.hash)), leaf);
