import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { describeIssues } from '../../eventstore/describeIssues';
import { PrincipalSchema } from './principal';

export const PersonSchema = PrincipalSchema.extend({ name: z.string().min(1).optional(), email: z.email().optional() });
export type Person = z.infer<typeof PersonSchema>;

const PeopleFileSchema = z.object({ users: z.array(PersonSchema).min(1) });

/**
 * The people of config/users.json (the embedded default): whom a dev token may be
 * minted for, and whom the notifier reaches (their roles say what they may read,
 * their email where). People an OIDC issuer's tokens introduce are remembered by the
 * notification outbox.
 */
export class People {
  private readonly byId = new Map<string, Person>();

  constructor(people: readonly Person[] = []) {
    for (const person of people) this.byId.set(person.id, person);
  }

  static fromFile(path: string): People {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the users file ${path} (AUTH_USERS_FILE): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const parsed = PeopleFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`the users file ${path} is invalid: ${describeIssues('users', parsed.error)}`);
    return new People(parsed.data.users);
  }

  all(): Person[] {
    return [...this.byId.values()];
  }

  get(id: string): Person | undefined {
    return this.byId.get(id);
  }

  withRole(role: Role): Person[] {
    return [...this.byId.values()].filter((person) => (person.roles as readonly Role[]).includes(role));
  }
}
