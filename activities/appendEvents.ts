import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
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
 * The append runs in its own span (`eventstore.append`, a child of the activity's
 * span when tracing is on); it carries counts and revisions, never event data.
 */
export const createEventStoreActivities = (store: EventStore, tracer: Tracer = trace.getTracer('ses-personnel-actions')) => ({
  async appendEvents(input: AppendEventsInput): Promise<{ nextExpectedRevision: number }> {
    return tracer.startActiveSpan(
      'eventstore.append',
      { attributes: { 'ses.eventstore.events': input.events.length, 'ses.eventstore.expected_revision': String(input.expectedRevision) } },
      async (span) => {
        try {
          const { nextExpectedRevision } = await store.append(input.stream, input.expectedRevision, input.events);
          span.setAttribute('ses.eventstore.next_expected_revision', nextExpectedRevision);
          return { nextExpectedRevision };
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'append failed' });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  },
});

export type EventStoreActivities = ReturnType<typeof createEventStoreActivities>;
