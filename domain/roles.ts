import { z } from 'zod';
import { AgencyCodeSchema, CaseIdSchema } from './agencies';

/** Everyone who can act on a personnel action. `system` is the workflow itself (timers). */
export const RoleSchema = z.enum([
  'hr-specialist',
  /** A new or probationary senior executive. */
  'executive',
  /** A GS-15 employee taking part in the rotation pilot. */
  'employee',
  'opm-rotation-team',
  'opm-qrb-staff',
  'qrb-member',
  'supervisor',
  'appointing-authority',
  'home-agency-official',
  'host-agency-official',
  'executive-resources-office',
  'auditor',
  'admin',
  'system',
]);
export type Role = z.infer<typeof RoleSchema>;

export const PersonIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-" (no personal data)');

/**
 * The delegation an acting official decides under, as the edge resolved it from the
 * delegation's stream (domain/delegation). It rides in the actor, so every event
 * decided under it records both people: actor.id acts, delegation.from is of record.
 */
export const ActorDelegationSchema = z.object({
  delegationId: CaseIdSchema,
  /** The official of record being stood in for. */
  from: PersonIdSchema,
  /** The role delegated. */
  role: RoleSchema,
  /** Command types it covers, e.g. "CertifyProbation". */
  approvals: z.array(z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be a command type such as "CertifyProbation"')).min(1),
  validFrom: z.iso.date(),
  /** Inclusive. */
  validUntil: z.iso.date(),
  /** The delegating agency, whose days validFrom and validUntil are (Washington's when absent). */
  agency: AgencyCodeSchema.nullable().optional(),
});
export type ActorDelegation = z.infer<typeof ActorDelegationSchema>;

export const ActorSchema = z.object({
  id: PersonIdSchema,
  role: RoleSchema,
  delegation: ActorDelegationSchema.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'workflow', role: 'system' };
