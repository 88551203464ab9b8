import { agencyDateOf } from '../agencyTimeZones';
import { daysBetween } from '../calendar';
import { accept, refuse, type Decision } from '../domainError';
import { policyForStart } from '../policyVersions';
import type { Actor, Role } from '../roles';
import { refuseAuditor } from '../separationOfDuties';
import type { DelegationCommand, DelegationGrant } from './commands';
import type { DelegationEvent } from './events';
import type { DelegationState } from './state';

type CommandOf<T extends DelegationCommand['type']> = Extract<DelegationCommand, { type: T }>;
type Result = Decision<DelegationEvent>;

/** Who may grant or revoke a delegation besides the delegating official. */
export const ADMINISTERING_ROLES: readonly Role[] = ['admin', 'executive-resources-office'];

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideDelegation = (state: DelegationState, command: DelegationCommand): Result => {
  const denied = refuseAuditor(command.actor);
  if (denied) return denied;
  if (state.status === 'REVOKED') {
    return refuse('conflict', 'delegation.revoked', `delegation ${state.grant!.delegationId} was revoked on ${state.revocation!.at}; it takes no more actions`);
  }
  switch (command.type) {
    case 'GrantDelegation':
      return grant(state, command);
    case 'RevokeDelegation':
      return revoke(state, command);
  }
};

/** The delegating official themself, or an administering role. */
const administers = (actor: Actor, delegation: DelegationGrant, what: string, rule: string): Result | null =>
  actor.id === delegation.from || ADMINISTERING_ROLES.includes(actor.role)
    ? null
    : refuse(
        'invalid',
        rule,
        `a delegation is ${what} by the delegating official ${delegation.from}, an admin or the executive-resources office; not ${actor.id} (${actor.role})`,
      );

const grant = (state: DelegationState, command: CommandOf<'GrantDelegation'>): Result => {
  const { grant: body, actor, at } = command;
  if (state.status !== 'NOT_GRANTED') {
    return refuse(
      'conflict',
      'delegation.grant.already-granted',
      `delegation ${state.grant!.delegationId} was already granted on ${state.grantedAt}; other terms need a new delegation`,
    );
  }
  if (body.from === body.to) return refuse('invalid', 'delegation.grant.same-person', `${body.from} cannot delegate to themself`, 'to');
  const denied = administers(actor, body, 'granted', 'delegation.grant.not-authorised');
  if (denied) return denied;
  if (actor.id === body.from && actor.role !== body.role) {
    return refuse('invalid', 'delegation.grant.role-not-held', `${actor.id} acts as ${actor.role} and cannot delegate the ${body.role} role`, 'role');
  }
  if (actor.id === body.to)
    return refuse('invalid', 'delegation.separation-of-duties', `the acting official ${body.to} cannot grant their own delegation`, 'to');
  if (body.validUntil < body.validFrom) {
    return refuse('invalid', 'delegation.grant.dates', `the delegation ends ${body.validUntil}, before it starts ${body.validFrom}`, 'validUntil');
  }
  // The delegating agency's date of the grant: the day the dates are checked against and the policy is chosen by.
  const today = agencyDateOf(at, body.agency);
  if (body.validUntil < today) {
    return refuse('invalid', 'delegation.grant.already-over', `a delegation ending ${body.validUntil} is over before this grant on ${today}`, 'validUntil');
  }
  const chosen = policyForStart('delegation.grant', undefined, today);
  if (!chosen.ok) return chosen.refusal;
  const { maxDays } = chosen.policy.delegation;
  const days = daysBetween(body.validFrom, body.validUntil) + 1;
  if (days > maxDays) {
    return refuse(
      'invalid',
      'delegation.grant.too-long',
      `a delegation runs at most ${maxDays} days under policy ${chosen.policy.id}; ${body.validFrom} to ${body.validUntil} is ${days}`,
      'validUntil',
    );
  }
  const grant = { ...body, agency: body.agency ?? null };
  return accept({ type: 'DelegationGranted', data: { grant, grantedBy: actor.id, grantedAs: actor.role }, occurredAt: at });
};

const revoke = (state: DelegationState, command: CommandOf<'RevokeDelegation'>): Result => {
  const { actor, at, reason } = command;
  if (state.status !== 'GRANTED') return refuse('conflict', 'delegation.not-granted', 'there is no delegation to revoke');
  const denied = administers(actor, state.grant!, 'revoked', 'delegation.revoke.not-authorised');
  if (denied) return denied;
  return accept({ type: 'DelegationRevoked', data: { revokedBy: actor.id, reason }, occurredAt: at });
};
