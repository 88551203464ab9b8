import type { DomainError } from '../domainError';
import type { Actor } from '../roles';
import { delegationAsActorTerms, type DelegationState } from './state';

/**
 * The actor as the acting official under this delegation, for the edge to hand to a
 * decider; refused when the delegation is not in force or names someone else.
 * The dates and approvals are checked later, by `actsFor`, against the command.
 */
export const actorUnderDelegation = (actor: Actor, state: DelegationState): { ok: true; actor: Actor } | { ok: false; error: DomainError } => {
  const terms = delegationAsActorTerms(state);
  if (terms === null) {
    const why = state.status === 'REVOKED' ? `was revoked on ${state.revocation!.at}` : 'was never granted';
    return { ok: false, error: { kind: 'conflict', rule: 'delegation.not-in-force', message: `the delegation ${why}` } };
  }
  if (state.grant!.to !== actor.id) {
    const message = `delegation ${terms.delegationId} names ${state.grant!.to} as acting official, not ${actor.id}`;
    return { ok: false, error: { kind: 'invalid', rule: 'delegation.not-the-delegate', message } };
  }
  return { ok: true, actor: { ...actor, delegation: terms } };
};
