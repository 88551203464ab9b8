import type { ProposedEvent } from '../domain/eventEnvelope';
import type { EventStore, ExpectedRevision } from '../eventstore/eventStore';

export interface AppendEventsInput {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: ProposedEvent[];
}

/**
 * The append activity: the only way a workflow's events reach the store. A retry
 * of the same events at the same expected revision is a no-op success; a
 * conflict throws StreamConflictError, which the workflow never retries.
 */
export const createEventStoreActivities = (store: EventStore) => ({
  async appendEvents(input: AppendEventsInput): Promise<{ nextExpectedRevision: number }> {
    const { nextExpectedRevision } = await store.append(input.stream, input.expectedRevision, input.events);
    return { nextExpectedRevision };
  },
});

export type EventStoreActivities = ReturnType<typeof createEventStoreActivities>;
