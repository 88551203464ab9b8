import type { DelegationEvent } from './events';
import type { DelegationState } from './state';

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveDelegation = (state: DelegationState, event: DelegationEvent): DelegationState => {
  switch (event.type) {
    case 'DelegationGranted':
      return { ...state, status: 'GRANTED', grant: event.data.grant, grantedBy: event.data.grantedBy, grantedAt: event.occurredAt };
    case 'DelegationRevoked':
      return { ...state, status: 'REVOKED', revocation: { by: event.data.revokedBy, reason: event.data.reason, at: event.occurredAt } };
  }
};
