import { z } from 'zod';
import { ActorSchema } from './roles';

/** The hash that precedes revision 0 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** What the workflow knows about an event before the store places it. */
export const EventContextSchema = z.object({
  actor: ActorSchema,
  /** Workflow time, ISO 8601. */
  occurredAt: z.iso.datetime({ offset: true }),
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  policyVersion: z.string().min(1),
});
export type EventContext = z.infer<typeof EventContextSchema>;

export const EventMetaSchema = EventContextSchema.extend({
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type EventMeta = z.infer<typeof EventMetaSchema>;

/** An event handed to the store: the store adds id, revision, position and the hash chain. */
export const ProposedEventSchema = z.object({
  type: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'must be a PascalCase event type'),
  schemaVersion: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
  meta: EventContextSchema,
});
export type ProposedEvent = z.infer<typeof ProposedEventSchema>;

/** An event as the store holds it: the record an auditor reads. */
export const RecordedEventSchema = z.object({
  id: z.uuid(),
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  /** Global order assigned by the store; a decimal string because KurrentDB positions exceed 2^53. */
  position: z.string().regex(/^\d+$/),
  type: ProposedEventSchema.shape.type,
  schemaVersion: ProposedEventSchema.shape.schemaVersion,
  data: ProposedEventSchema.shape.data,
  meta: EventMetaSchema,
});
export type RecordedEvent = z.infer<typeof RecordedEventSchema>;

/** A decider's event, wrapped with who/where/why for the store (domain/proposedEvent.ts, which the workflow imports alone). */
export { proposedEvent } from './proposedEvent';
