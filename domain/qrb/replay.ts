import { parseQrbEvent } from './events';
import { evolveQrb } from './evolve';
import { initialQrbState, type QrbState } from './state';

export interface StoredEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  meta: { occurredAt: string };
}

/** Rebuilds a case from its stored events with the very evolve the workflow runs. */
export const replayQrb = (events: readonly StoredEventLike[]): QrbState =>
  events.reduce((state, stored) => evolveQrb(state, parseQrbEvent({ ...stored, occurredAt: stored.meta.occurredAt })), initialQrbState);
