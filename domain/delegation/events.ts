import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from '../agencies';
import { eventCatalog, payloadVersions, type EventOf } from '../eventSchemas';
import { PersonIdSchema, RoleSchema } from '../roles';
import { DelegableApprovalSchema, DelegableRoleSchema, DelegationGrantSchema } from './commands';

/** DelegationGranted version 1, frozen as stored: the grant without the delegating agency (its days were UTC days). */
const DelegationGrantedV1 = z.object({
  grant: z.object({
    delegationId: CaseIdSchema,
    from: PersonIdSchema,
    to: PersonIdSchema,
    role: DelegableRoleSchema,
    approvals: z.array(DelegableApprovalSchema).min(1).max(DelegableApprovalSchema.options.length),
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
    reason: z.string().trim().min(1).max(2_000),
  }),
  grantedBy: PersonIdSchema,
  grantedAs: RoleSchema,
});

/** Version 2: the delegating agency, whose days the dates are; null where it was not given (Washington's days). */
const DelegationGrantedV2 = z.object({
  grant: DelegationGrantSchema.extend({ agency: AgencyCodeSchema.nullable() }),
  grantedBy: PersonIdSchema,
  grantedAs: RoleSchema,
});

/** Every delegation event type with its payload schema, and the versions before the current one with their upcasters (domain/eventSchemas.ts). */
export const DELEGATION_EVENT_SCHEMAS = {
  DelegationGranted: payloadVersions(DelegationGrantedV1).next(DelegationGrantedV2, ({ grant, ...rest }) => ({ ...rest, grant: { ...grant, agency: null } })),
  DelegationRevoked: z.object({ revokedBy: PersonIdSchema, reason: z.string() }),
} as const;

export const delegationEvents = eventCatalog('delegation', DELEGATION_EVENT_SCHEMAS);

export type DelegationEventType = keyof typeof DELEGATION_EVENT_SCHEMAS;

export type DelegationEvent = EventOf<typeof DELEGATION_EVENT_SCHEMAS>;

/** Validates a stored event's payload against its type and version, and upcasts it (ARCHITECTURE rule 5: store reads too). */
export const parseDelegationEvent = delegationEvents.parse;

/** The schema version stamped on a new delegation event of that type. */
export const delegationEventVersion = delegationEvents.eventVersion;
