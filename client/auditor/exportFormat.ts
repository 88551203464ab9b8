import { z } from 'zod';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { canonicalJson } from '../../eventstore/hashChain';
import { InclusionProofSchema, SignedCheckpointSchema } from './storeCheckpoint';

/**
 * The shape of an export, shared by the writer and the offline verifier so the two cannot drift.
 * A JSONL export is one recorded event per line, exactly as stored, after a header line; a CSV
 * export is one row per event with the columns below, enough to recompute every hash.
 */

export const ExportFormatSchema = z.enum(['jsonl', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** What the export says it holds, so a verifier can tell a truncated tail from a complete stream. */
export const ExportHeaderSchema = z.object({
  export: z.object({
    created: z.iso.datetime({ offset: true }),
    format: ExportFormatSchema,
    streams: z.array(z.object({ stream: z.string().min(1), events: z.number().int().nonnegative(), lastHash: z.string() })),
    count: z.number().int().nonnegative(),
    /** The signed checkpoint made at the export, and each exported stream's head in it with its path to the root. Absent in exports of earlier releases. */
    checkpoint: SignedCheckpointSchema.optional(),
    proofs: z.array(InclusionProofSchema).optional(),
  }),
});
export type ExportHeader = z.infer<typeof ExportHeaderSchema>;

export const CSV_COLUMNS = [
  'stream',
  'revision',
  'position',
  'id',
  'type',
  'schemaVersion',
  'occurredAt',
  'actorId',
  'actorRole',
  'policyVersion',
  'prevHash',
  'hash',
  'data',
  'meta',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Columns a spreadsheet reader sees but the hash covers only through `meta`: the verifier checks
 * each against meta, so an edited column cannot show a value the chain does not vouch for.
 */
export const META_COLUMNS = {
  occurredAt: (meta) => meta.occurredAt,
  actorId: (meta) => meta.actor.id,
  actorRole: (meta) => meta.actor.role,
  policyVersion: (meta) => meta.policyVersion,
  prevHash: (meta) => meta.prevHash,
  hash: (meta) => meta.hash,
} satisfies Partial<Record<CsvColumn, (meta: RecordedEvent['meta']) => string>>;

export const csvFieldsOf = (event: RecordedEvent): Record<CsvColumn, string> => ({
  stream: event.stream,
  revision: String(event.revision),
  position: event.position,
  id: event.id,
  type: event.type,
  schemaVersion: String(event.schemaVersion),
  ...(Object.fromEntries(Object.entries(META_COLUMNS).map(([column, read]) => [column, read(event.meta)])) as Record<keyof typeof META_COLUMNS, string>),
  data: canonicalJson(event.data),
  meta: canonicalJson(event.meta),
});
