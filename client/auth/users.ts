import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../../eventstore/describeIssues';
import { PrincipalSchema, type Principal } from './principal';

const UsersFileSchema = z.object({
  users: z.array(PrincipalSchema.extend({ name: z.string().min(1).optional() })).min(1),
});

/** The people the embedded default knows (config/users.json): whom a dev token may be minted for. */
export const loadUsers = (path: string): Principal[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the users file ${path} (AUTH_USERS_FILE): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = UsersFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the users file ${path} is invalid: ${describeIssues('users', parsed.error)}`);
  return parsed.data.users.map(({ id, roles }) => ({ id, roles }));
};
