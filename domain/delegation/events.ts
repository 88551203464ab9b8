import { z } from 'zod';
import { PersonIdSchema, RoleSchema } from '../roles';
import { DelegationGrantSchema } from './commands';

/** Every delegation event type with its payload schema (schema version 1). */
export const DELEGATION_EVENT_SCHEMAS = {
  DelegationGranted: z.object({ grant: DelegationGrantSchema, grantedBy: PersonIdSchema, grantedAs: RoleSchema }),
  DelegationRevoked: z.object({ revokedBy: PersonIdSchema, reason: z.string() }),
} as const;

export const DELEGATION_EVENT_SCHEMA_VERSION = 1;

export type DelegationEventType = keyof typeof DELEGATION_EVENT_SCHEMAS;

export type DelegationEvent = {
  [T in DelegationEventType]: { type: T; data: z.infer<(typeof DELEGATION_EVENT_SCHEMAS)[T]>; occurredAt: string };
}[DelegationEventType];

/** Validates a stored event's payload against its type's schema. */
export const parseDelegationEvent = (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }): DelegationEvent => {
  if (!(stored.type in DELEGATION_EVENT_SCHEMAS)) throw new Error(`unknown delegation event type "${stored.type}"`);
  if (stored.schemaVersion !== DELEGATION_EVENT_SCHEMA_VERSION) {
    throw new Error(`${stored.type} schemaVersion ${stored.schemaVersion} has no upcaster (current is ${DELEGATION_EVENT_SCHEMA_VERSION})`);
  }
  const data = DELEGATION_EVENT_SCHEMAS[stored.type as DelegationEventType].parse(stored.data);
  return { type: stored.type, data, occurredAt: stored.occurredAt } as DelegationEvent;
};
