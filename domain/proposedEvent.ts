import type { EventContext, ProposedEvent } from './eventEnvelope';

/**
 * A decider's event, wrapped with who/where/why for the store; the store adds the rest.
 * Its own module, without the envelope's schemas: the workflow wraps every event it appends and
 * evaluates its modules afresh for each case (domain/processCatalog.ts says why), so it imports only this.
 */
export const proposedEvent = (
  event: { type: string; data: Record<string, unknown>; occurredAt: string },
  schemaVersion: number,
  context: Omit<EventContext, 'occurredAt'>,
): ProposedEvent => ({
  type: event.type,
  schemaVersion,
  data: event.data,
  meta: { ...context, occurredAt: event.occurredAt },
});
