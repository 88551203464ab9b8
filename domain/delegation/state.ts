import type { ActorDelegation } from '../roles';
import type { DelegationGrant } from './commands';

export type DelegationStatus = 'NOT_GRANTED' | 'GRANTED' | 'REVOKED';

/** A delegation as folded from its events. Expiry is not a status: the dates travel with the actor and `actsFor` checks them. */
export interface DelegationState {
  status: DelegationStatus;
  grant: DelegationGrant | null;
  grantedBy: string | null;
  grantedAt: string | null;
  revocation: { by: string; reason: string; at: string } | null;
}

export const initialDelegationState: DelegationState = { status: 'NOT_GRANTED', grant: null, grantedBy: null, grantedAt: null, revocation: null };

export const delegationStreamName = (delegationId: string): string => `delegation-${delegationId}`;

/** The terms the edge attaches to the acting official's actor; null unless the delegation is in force (granted, not revoked). */
export const delegationAsActorTerms = (state: DelegationState): ActorDelegation | null => {
  if (state.status !== 'GRANTED' || state.grant === null) return null;
  const { delegationId, from, role, approvals, validFrom, validUntil, agency } = state.grant;
  return { delegationId, from, role, approvals, validFrom, validUntil, agency: agency ?? null };
};
