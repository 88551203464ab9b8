import { refuse, type Decision } from './domainError';
import type { Actor, Role } from './roles';

/** Every decider asks this first: an auditor's access is read-only whatever the command. */
export const refuseAuditor = (actor: Actor): Decision<never> | null =>
  actor.role === 'auditor' ? refuse('invalid', 'auditor.read-only', 'an auditor reads and never changes a case') : null;

/** Who started a case, and in which role: named in every separation-of-duties refusal. */
export interface Starter {
  id: string;
  role: Role;
}

/**
 * The person who started a case never approves it: not themself, not as someone's
 * acting official, and no acting official decides on their behalf.
 */
export const refuseStarter = (process: string, actor: Actor, starter: Starter, commandType: string): Decision<never> | null => {
  const rule = `${process}.separation-of-duties`;
  if (actor.id === starter.id) {
    return refuse('invalid', rule, `${starter.id} started this case as ${starter.role} and cannot also take ${commandType} on it`);
  }
  if (actor.delegation?.from === starter.id) {
    return refuse(
      'invalid',
      rule,
      `${actor.id} acts under a delegation from ${starter.id}, who started this case as ${starter.role}; ${commandType} cannot be taken on the starter's behalf`,
    );
  }
  return null;
};

/** A body naming the starter as one of the case's approvers (field → person) is refused, naming the field. */
export const refuseStarterAsApprover = (
  process: string,
  starter: Starter,
  approvers: readonly (readonly [field: string, id: string | null])[],
): Decision<never> | null => {
  const named = approvers.find(([, id]) => id === starter.id);
  return named
    ? refuse('invalid', `${process}.separation-of-duties`, `${starter.id} started this case as ${starter.role} and cannot also be its ${named[0]}`, named[0])
    : null;
};
