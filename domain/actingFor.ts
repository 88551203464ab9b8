import { commandDateOf } from './agencyTimeZones';
import { refuse, type Decision } from './domainError';
import type { Actor, ActorDelegation, Role } from './roles';

/** The command being decided: its type, who sends it, when, and how its case counts days (commandDateOf). */
type Decided = { type: string; actor: Actor; at: string; daysIn?: 'UTC' };

/**
 * What keeps a delegation from covering this decision, or null when it covers it:
 * the role, the official of record (when a named person decides), the command, the date.
 */
const shortfall = (delegation: ActorDelegation, roles: readonly Role[], personOfRecord: string | undefined, command: Decided): string | null => {
  if (!roles.includes(delegation.role)) return `is for the ${delegation.role} role, not the ${roles.join(' or ')}`;
  if (personOfRecord !== undefined && delegation.from !== personOfRecord) return `was delegated by ${delegation.from}, not by ${personOfRecord}`;
  if (!delegation.approvals.includes(command.type)) return `does not cover ${command.type} (only ${delegation.approvals.join(', ')})`;
  // The delegation's dates are the delegating agency's days (UTC days in a case that still counts them).
  const day = commandDateOf(command, delegation.agency);
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
 * that role, or their acting official under a delegation that covers the command on its day.
 */
export const actsFor = (command: Decided, personOfRecord: string, role: Role): boolean =>
  (command.actor.id === personOfRecord && command.actor.role === role) ||
  (command.actor.delegation !== undefined && shortfall(command.actor.delegation, [role], personOfRecord, command) === null);

/**
 * Refuses unless the actor acts for `personOfRecord` (see `actsFor`); `whose` says whose
 * decision it is, and a delegation that falls short says why.
 */
export const refuseUnlessActingFor = (
  command: Decided,
  personOfRecord: string,
  role: Role,
  rule: string,
  whose: string,
  field?: string,
): Decision<never> | null => {
  const { actor } = command;
  if (actsFor(command, personOfRecord, role)) return null;
  const why = reasonOf(actor, (delegation) => shortfall(delegation, [role], personOfRecord, command));
  return refuse('invalid', rule, `${whose}; not ${actor.id} (${actor.role})${why}`, field);
};

/**
 * For decisions any holder of a role takes (e.g. any home-agency official): the role
 * among `roles` the actor decides in, their own or one a delegation covering the
 * command on its day gives them; null when neither.
 */
export const roleActedIn = (command: Decided, roles: readonly Role[]): Role | null => {
  const { actor } = command;
  if (roles.includes(actor.role)) return actor.role;
  const { delegation } = actor;
  return delegation !== undefined && shortfall(delegation, roles, undefined, command) === null ? delegation.role : null;
};

/** Why a delegation the actor presented gives them none of `roles`, to append to a refusal; '' without one. */
export const whyNoRoleActedIn = (command: Decided, roles: readonly Role[]): string =>
  reasonOf(command.actor, (delegation) => shortfall(delegation, roles, undefined, command));

/** Any holder of one of `roles` decides, or their acting official under a delegation covering the command; otherwise refused saying who may. */
export const refuseUnlessInRole = (command: Decided, roles: readonly Role[], rule: string, what: string): Decision<never> | null =>
  roleActedIn(command, roles) !== null
    ? null
    : refuse('invalid', rule, `only a ${roles.join(' or a ')} ${what}, not a ${command.actor.role}${whyNoRoleActedIn(command, roles)}`);
