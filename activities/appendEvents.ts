import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { ProposedEvent, RecordedEvent } from '../domain/eventEnvelope';
import type { ProcessEvent } from '../domain/processDefinition';
import { StreamConflictError } from '../eventstore/streamConflictError';
import type { EventStore, ExpectedRevision } from '../eventstore/eventStore';

export interface AppendEventsInput {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: ProposedEvent[];
}

export interface AppendEventsResult {
  nextExpectedRevision: number;
  /**
   * Present when an earlier attempt of the same workflow task had already appended this command's
   * events (see ownEventsAt): the events as stored, which the workflow folds instead of its own.
   */
  recovered?: ProcessEvent[];
}

/**
 * The append activity: the only way a workflow's events reach the store. A retry
 * of the same events at the same expected revision is a no-op success; a
 * conflict throws StreamConflictError, which the workflow never retries.
 * The append runs in its own span (`eventstore.append`, a child of the activity's
 * span when tracing is on); it carries counts and revisions, never event data.
 */
export const createEventStoreActivities = (store: EventStore, tracer: Tracer = trace.getTracer('ses-personnel-actions')) => ({
  async appendEvents(input: AppendEventsInput): Promise<AppendEventsResult> {
    return tracer.startActiveSpan(
      'eventstore.append',
      { attributes: { 'ses.eventstore.events': input.events.length, 'ses.eventstore.expected_revision': String(input.expectedRevision) } },
      async (span) => {
        try {
          const result = await appendOrRecover(store, input);
          span.setAttribute('ses.eventstore.next_expected_revision', result.nextExpectedRevision);
          return result;
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

const appendOrRecover = async (store: EventStore, input: AppendEventsInput): Promise<AppendEventsResult> => {
  try {
    return { nextExpectedRevision: (await store.append(input.stream, input.expectedRevision, input.events)).nextExpectedRevision };
  } catch (error) {
    if (!(error instanceof StreamConflictError)) throw error;
    const own = await ownEventsAt(store, input);
    if (!own) throw error;
    return { nextExpectedRevision: own[own.length - 1]!.revision, recovered: own.map(({ type, data, meta }) => ({ type, data, occurredAt: meta.occurredAt })) };
  }
};

/**
 * A local activity runs inside its workflow task: when the worker dies after the append but before
 * the task completes, the task runs again at a later workflow time and decides the same command
 * with another `occurredAt`, so the idempotent repeat (same hashes) does not recognise it. The
 * events at the claimed revisions are this command's own when the same run wrote them for the same
 * causation (the update id, 'start', a timer's id): the stream already holds them, exactly once.
 */
async function ownEventsAt(store: EventStore, { stream, expectedRevision, events }: AppendEventsInput): Promise<RecordedEvent[] | undefined> {
  if (expectedRevision === 'any' || events.length === 0) return undefined;
  const first = expectedRevision === 'no_stream' ? 0 : expectedRevision + 1;
  const stored = await store.readStream(stream, first, events.length);
  const same = (recorded: RecordedEvent, proposed: ProposedEvent) =>
    recorded.type === proposed.type &&
    recorded.meta.workflowId === proposed.meta.workflowId &&
    recorded.meta.runId === proposed.meta.runId &&
    recorded.meta.causationId === proposed.meta.causationId;
  return stored.length === events.length && stored.every((recorded, i) => same(recorded, events[i]!)) ? stored : undefined;
}
