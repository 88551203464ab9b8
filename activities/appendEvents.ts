import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { ProposedEvent, RecordedEvent } from '../domain/eventEnvelope';
import { StreamConflictError } from '../eventstore/streamConflictError';
import type { EventStore, ExpectedRevision } from '../eventstore/eventStore';

export interface AppendEventsInput {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: ProposedEvent[];
}

/** An event of this workflow run found in the stream after the revision the workflow knew. */
export interface LostEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  occurredAt: string;
  causationId: string;
}

export interface AppendEventsResult {
  nextExpectedRevision: number;
  /**
   * Present when nothing was appended because the stream had already moved on by events this very
   * run wrote (see lostEventsOf): those events as stored, which the workflow folds before going on.
   */
  lost?: LostEvent[];
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
    const lost = await lostEventsOf(store, input);
    if (!lost) throw error;
    return {
      nextExpectedRevision: lost[lost.length - 1]!.revision,
      lost: lost.map(({ type, schemaVersion, data, meta }) => ({ type, schemaVersion, data, occurredAt: meta.occurredAt, causationId: meta.causationId })),
    };
  }
};

/**
 * A local activity appends inside its workflow task, before Temporal has recorded anything of that
 * task: when the worker or the server dies after the append but before the task completes, the
 * task (or, when the update was lost with it, the next command: the client's retry or another's)
 * runs again from the state before those events, decides again at another workflow time and meets
 * them at its claimed revision. When every event after the revision the workflow knew was written
 * by this very run, they are the run's own lost work: the stream is the record, so they are handed
 * back to be folded, each with its causation (the update id), by which the workflow answers a
 * retry under the same id (an Idempotency-Key's) from them. An event of anyone else there is
 * still a conflict.
 */
async function lostEventsOf(store: EventStore, { stream, expectedRevision, events }: AppendEventsInput): Promise<RecordedEvent[] | undefined> {
  const run = events[0]?.meta;
  if (expectedRevision === 'any' || !run) return undefined;
  const stored = await store.readStream(stream, expectedRevision === 'no_stream' ? 0 : expectedRevision + 1);
  const ours = (recorded: RecordedEvent) => recorded.meta.workflowId === run.workflowId && recorded.meta.runId === run.runId;
  return stored.length > 0 && stored.every(ours) ? stored : undefined;
}
