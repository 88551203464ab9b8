import { z } from 'zod';
import { eventCatalog, type EventOf } from '../eventSchemas';
import { PersonIdSchema, RoleSchema } from '../roles';
import { DelegationGrantSchema } from './commands';

/** Every delegation event type with its payload schema, all at version 1 so far (domain/eventSchemas.ts: how a payload changes). */
export const DELEGATION_EVENT_SCHEMAS = {
  DelegationGranted: z.object({ grant: DelegationGrantSchema, grantedBy: PersonIdSchema, grantedAs: RoleSchema }),
  DelegationRevoked: z.object({ revokedBy: PersonIdSchema, reason: z.string() }),
} as const;

export const delegationEvents = eventCatalog('delegation', DELEGATION_EVENT_SCHEMAS);

export type DelegationEventType = keyof typeof DELEGATION_EVENT_SCHEMAS;

export type DelegationEvent = EventOf<typeof DELEGATION_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseDelegationEvent = delegationEvents.parse;

/** The schema version stamped on a new delegation event of that type. */
export const delegationEventVersion = delegationEvents.eventVersion;
