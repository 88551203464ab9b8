import { agencyDateOf } from './agencyTimeZones';
import { refuse, type Decision } from './domainError';
import type { Actor, ActorDelegation, Role } from './roles';

/**
 * What keeps a delegation from covering this decision, or null when it covers it:
 * the role, the official of record (when a named person decides), the command, the date.
 */
const shortfall = (delegation: ActorDelegation, roles: readonly Role[], personOfRecord: string | undefined, commandType: string, at: string): string | null => {
  if (!roles.includes(delegation.role)) return `is for the ${delegation.role} role, not the ${roles.join(' or ')}`;
  if (personOfRecord !== undefined && delegation.from !== personOfRecord) return `was delegated by ${delegation.from}, not by ${personOfRecord}`;
  if (!delegation.approvals.includes(commandType)) return `does not cover ${commandType} (only ${delegation.approvals.join(', ')})`;
  // The delegation's dates are the delegating agency's days.
  const day = agencyDateOf(at, delegation.agency);
  if (day < delegation.validFrom || day > delegation.validUntil) return `runs from ${delegation.validFrom} to ${delegation.validUntil}, not on ${day}`;
  return null;
};

/** The shortfall of the actor's delegation, worded for the end of a refusal; '' when they presented none. */
const reasonOf = (actor: Actor, gap: (delegation: ActorDelegation) => string | null): string => {
  const { delegation } = actor;
  if (delegation === undefined) return '';
  const text = gap(delegation);
  return text === null ? '' : `; delegation ${delegation.delegationId} ${text}`;
};

/**
 * The decision is `personOfRecord`'s, in `role`: true when the actor is that person in
 * that role, or their acting official under a delegation that covers `commandType` on `at`.
 */
export const actsFor = (actor: Actor, personOfRecord: string, role: Role, commandType: string, at: string): boolean =>
  (actor.id === personOfRecord && actor.role === role) ||
  (actor.delegation !== undefined && shortfall(actor.delegation, [role], personOfRecord, commandType, at) === null);

/**
 * Refuses unless the actor acts for `personOfRecord` (see `actsFor`); `whose` says whose
 * decision it is, and a delegation that falls short says why.
 */
export const refuseUnlessActingFor = (
  command: { type: string; actor: Actor; at: string },
  personOfRecord: string,
  role: Role,
  rule: string,
  whose: string,
  field?: string,
): Decision<never> | null => {
  const { actor, type, at } = command;
  if (actsFor(actor, personOfRecord, role, type, at)) return null;
  const why = reasonOf(actor, (delegation) => shortfall(delegation, [role], personOfRecord, type, at));
  return refuse('invalid', rule, `${whose}; not ${actor.id} (${actor.role})${why}`, field);
};

/**
 * For decisions any holder of a role takes (e.g. any home-agency official): the role
 * among `roles` the actor decides in, their own or one a delegation covering
 * `commandType` on `at` gives them; null when neither.
 */
export const roleActedIn = (actor: Actor, roles: readonly Role[], commandType: string, at: string): Role | null => {
  if (roles.includes(actor.role)) return actor.role;
  const { delegation } = actor;
  return delegation !== undefined && shortfall(delegation, roles, undefined, commandType, at) === null ? delegation.role : null;
};

/** Why a delegation the actor presented gives them none of `roles`, to append to a refusal; '' without one. */
export const whyNoRoleActedIn = (actor: Actor, roles: readonly Role[], commandType: string, at: string): string =>
  reasonOf(actor, (delegation) => shortfall(delegation, roles, undefined, commandType, at));
