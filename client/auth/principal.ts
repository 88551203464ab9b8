import { z } from 'zod';
import { PersonIdSchema, RoleSchema } from '../../domain/roles';

/** The authenticated person behind a CLI or API call: who, and which roles the token grants. */
export const PrincipalSchema = z.object({
  id: PersonIdSchema,
  roles: z.array(RoleSchema.exclude(['system'])).min(1, 'a token must grant at least one role'),
  /** An OIDC token's email claim: where notifications reach the person (dev people have theirs in config/users.json). */
  email: z.email().optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;
