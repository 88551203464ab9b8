import type { ActivityOptions, LocalActivityOptions, UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ZodType } from 'zod';
import type { EventStoreActivities } from '../activities/appendEvents';
import type { Decision } from '../domain/domainError';
import { proposedEvent } from '../domain/proposedEvent';
import type { ProcessCommand, ProcessEvent } from '../domain/processDefinition';
import { checkExpectedRevision, type RevisionPrecondition } from '../domain/revisionPrecondition';
import { domainFailure } from './domainFailure';

const APPEND_OPTIONS: LocalActivityOptions & ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { nonRetryableErrorTypes: ['StreamConflictError', 'InvalidEventError'] },
};
const scheduled = proxyActivities<EventStoreActivities>(APPEND_OPTIONS);
const local = proxyLocalActivities<EventStoreActivities>(APPEND_OPTIONS);

/**
 * Cases started since this patch append in a local activity: the worker runs the append inside the
 * workflow task that decided it, instead of the server scheduling an activity and a second workflow
 * task for its result (two round trips fewer per command). Durable first still holds: the state
 * evolves and the update answers only after the append returned. Cases started before it (their
 * histories hold ActivityTaskScheduled) keep the scheduled activity until they continue as new.
 */
export const APPEND_AS_LOCAL_ACTIVITY = 'append-as-local-activity';

/**
 * A command whose workflow task was lost after its append may come back (a client's retry under the
 * same update id: the HTTP API's is derived from the request's Idempotency-Key) after another
 * command already met and folded its events. Since this patch it is answered from those events, as
 * if its own append had found them, instead of being decided again and refused ("already voted").
 */
export const ANSWER_RETRIES_FROM_FOLDED_EVENTS = 'answer-retries-from-folded-events';

export interface CaseDefinition<S, C, E extends ProcessEvent> {
  stream: string;
  initialState: S;
  decide: (state: S, command: C) => Decision<E>;
  evolve: (state: S, event: E) => S;
  /** The policy version the case pinned in its first event (asked of the state after the new events). */
  policyVersionOf: (state: S) => string | null;
  /** The schema version stamped on a new event of this type. */
  eventVersion: (type: E['type']) => number;
  /** A stored event as this process reads it (validated and upcast): for events of this run found in the stream. */
  parseEvent: (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }) => E;
}

/** A case as a previous run of its workflow left it: the state its stream folds to, and the revision of its last event. */
export interface CaseSoFar<S> {
  state: S;
  revision: number;
}

/**
 * Runs commands through decide, appends the resulting events to the case's
 * stream, then folds them into the state (ARCHITECTURE rule 2: durable first).
 * Commands run one at a time, so an update and a timer never interleave.
 * `soFar`: a case continued as new goes on from there, its stream already written.
 */
export const eventSourcedCase = <S, C extends ProcessCommand, E extends ProcessEvent>(definition: CaseDefinition<S, C, E>, soFar?: CaseSoFar<S>) => {
  let state = soFar?.state ?? definition.initialState;
  let lastRevision = soFar?.revision ?? -1;
  let queue: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  // Asked once, in the first activation: a case keeps the append it started with.
  const { appendEvents } = patched(APPEND_AS_LOCAL_ACTIVITY) ? local : scheduled;
  // Events of a lost workflow task that another command folded, by their causation: the answer their own command gets if it comes back.
  const foldedForAnother = new Map<string, E[]>();
  const answerFolded = (causationId: string): Decision<E> | undefined => {
    const events = foldedForAnother.get(causationId);
    if (!events || !patched(ANSWER_RETRIES_FROM_FOLDED_EVENTS)) return undefined;
    foldedForAnother.delete(causationId);
    return { ok: true, events };
  };

  const apply = async (command: C, causationId: string, expectedRevision?: number): Promise<Decision<E>> => {
    const folded = answerFolded(causationId);
    if (folded) return folded;
    const stale = checkExpectedRevision(expectedRevision, lastRevision);
    if (stale) return stale;
    const decision = definition.decide(state, command);
    if (!decision.ok || decision.events.length === 0) return decision;
    const { workflowId, runId } = workflowInfo();
    const next = decision.events.reduce(definition.evolve, state);
    const policyVersion = definition.policyVersionOf(next);
    if (policyVersion === null) throw new Error(`${definition.stream}: ${decision.events[0]?.type} leaves the case without a policy version`);
    const { nextExpectedRevision, lost } = await appendEvents({
      stream: definition.stream,
      expectedRevision: lastRevision < 0 ? 'no_stream' : lastRevision,
      events: decision.events.map((event) =>
        proposedEvent(event, definition.eventVersion(event.type), {
          actor: command.actor,
          workflowId,
          runId,
          correlationId: workflowId,
          causationId,
          policyVersion,
        }),
      ),
    });
    lastRevision = nextExpectedRevision;
    if (!lost) {
      state = next;
      return decision;
    }
    // A workflow task of this run appended these, then was lost before it completed: the stream is
    // the record, so they are folded first (see lostEventsOf in activities/appendEvents.ts).
    const found = lost.map((event) => ({ causationId: event.causationId, event: definition.parseEvent(event) }));
    state = found.reduce((folded, { event }) => definition.evolve(folded, event), state);
    for (const { causationId: cause, event } of found) {
      if (cause !== causationId) foldedForAnother.set(cause, [...(foldedForAnother.get(cause) ?? []), event]);
    }
    const own = found.filter(({ causationId: cause }) => cause === causationId).map(({ event }) => event);
    // This very command was among them (its task ran again, or it was retried under the same update id): its answer is what is stored.
    if (own.length > 0) return { ok: true, events: own };
    // Another command's (its update lost with the task): this one is decided on the caught-up state.
    return apply(command, causationId, expectedRevision);
  };

  return {
    get state(): S {
      return state;
    },
    /** The state and the revision of the last event appended, for the next run when the workflow continues as new. */
    get soFar(): CaseSoFar<S> {
      return { state, revision: lastRevision };
    },
    /** No command is waiting, being decided or being appended. */
    get idle(): boolean {
      return inFlight === 0;
    },
    /**
     * Throws the domain refusal, for update validators: a refused input never
     * enters history. While a command is still being appended the state is about
     * to change, so the check is left to the handler, which decides after it.
     */
    check(command: C, expectedRevision?: number, causationId?: string): void {
      // Its events are folded already: the handler answers from them (answerFolded).
      if (inFlight > 0 || (causationId !== undefined && foldedForAnother.has(causationId))) return;
      const decision = checkExpectedRevision(expectedRevision, lastRevision) ?? definition.decide(state, command);
      if (!decision.ok) throw domainFailure(decision.error);
    },
    /** Decides, appends and evolves; resolves with the decision (a refusal is returned, not thrown). */
    execute(command: C, causationId: string, expectedRevision?: number): Promise<Decision<E>> {
      inFlight += 1;
      const run = queue
        .then(() => apply(command, causationId, expectedRevision))
        .finally(() => {
          inFlight -= 1;
        });
      queue = run.catch(() => undefined);
      return run;
    },
    /** Like execute, but a refusal fails the caller (an update) with the domain error. */
    async executeOrFail(command: C, causationId: string, expectedRevision?: number): Promise<S> {
      const decision = await this.execute(command, causationId, expectedRevision);
      if (!decision.ok) throw domainFailure(decision.error);
      return state;
    },
    /**
     * Registers an update: its arguments are parsed with the schema, the validator
     * refuses what the decider refuses, the handler executes and returns the new state.
     * Arguments may carry `expectedRevision` (If-Match): a case that moved on refuses.
     */
    handleUpdate<A>(update: UpdateDefinition<unknown, [A & RevisionPrecondition]>, argsSchema: ZodType<A>, toCommand: (args: A, at: string) => C): void {
      const commandOf = (args: A) => toCommand(argsSchema.parse(args), new Date(Date.now()).toISOString());
      const expectedOf = (args: RevisionPrecondition) => (typeof args?.expectedRevision === 'number' ? args.expectedRevision : undefined);
      // The update id is the command's causation: a retry under the same id (an Idempotency-Key's) is recognised by its events.
      const causationOf = () => currentUpdateInfo()?.id ?? 'update';
      setHandler(update, (args) => this.executeOrFail(commandOf(args), causationOf(), expectedOf(args)), {
        validator: (args) => this.check(commandOf(args), expectedOf(args), causationOf()),
      });
    },
  };
};

/** A running case: its state, and the commands it decides, appends and folds one at a time. */
export type EventSourcedCase<S, C extends ProcessCommand = ProcessCommand, E extends ProcessEvent = ProcessEvent> = ReturnType<
  typeof eventSourcedCase<S, C, E>
>;
