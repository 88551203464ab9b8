import type { StoredEventLike } from '../processDefinition';
import { parseDelegationEvent } from './events';
import { evolveDelegation } from './evolve';
import { initialDelegationState, type DelegationState } from './state';

/** Rebuilds a delegation from its stored events: what the edge reads before attaching the terms to an actor. */
export const replayDelegation = (events: readonly StoredEventLike[]): DelegationState =>
  events.reduce((state, stored) => evolveDelegation(state, parseDelegationEvent({ ...stored, occurredAt: stored.meta.occurredAt })), initialDelegationState);
