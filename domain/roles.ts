import { z } from 'zod';

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

export const PersonIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-" (no personal data)');

export const ActorSchema = z.object({
  id: PersonIdSchema,
  role: RoleSchema,
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'workflow', role: 'system' };
