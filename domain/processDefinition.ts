import type { ZodType } from 'zod';
import type { Decision } from './domainError';
import type { Actor } from './roles';

/** An event as a decider emits it and evolve folds it. */
export interface ProcessEvent {
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** Every command carries when (workflow time) and who. */
export interface ProcessCommand {
  type: string;
  at: string;
  actor: Actor;
}

/** A stored event as an auditor reads it (the envelope's relevant part). */
export interface StoredEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  meta: { occurredAt: string };
}

/**
 * Everything the shell needs to run, drive and audit one personnel process,
 * all pure: the workflow, the CLI/HTTP layer and the auditor share it.
 *
 * A process starts with `startCommand(body)` and then takes actions: bodies
 * `{type, ...payload}` validated by `actionSchema`, turned into commands by
 * adding `at` and `actor`. Timers add their own system commands inside the workflow.
 */
export interface ProcessDefinition<S, C extends ProcessCommand, E extends ProcessEvent, Start = unknown, Action extends { type: string } = { type: string }> {
  /** CLI and URL name, e.g. "probation"; also the stream prefix. */
  name: string;
  /** The Temporal workflow type, e.g. "probationaryPeriod". */
  workflowType: string;
  title: string;
  /** The start body as a person sends it (includes who starts it). */
  startSchema: ZodType<Start>;
  /** The case id inside a start body: ids only, no personal data. */
  caseIdOf: (start: Start) => string;
  /** Who starts the case, from the start body. */
  starterOf: (start: Start) => Actor;
  startCommand: (start: Start, at: string, actor: Actor, policyVersion?: string) => C;
  /** The actions people take, as bodies `{type, ...payload}`. */
  actionSchema: ZodType<Action>;
  actionCommand: (action: Action, at: string, actor: Actor) => C;
  initialState: S;
  decide: (state: S, command: C) => Decision<E>;
  evolve: (state: S, event: E) => S;
  /** Validates a stored event and upcasts old schema versions. */
  parseEvent: (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }) => E;
  schemaVersion: number;
  /** The policy version the case pinned (null before its first event). */
  policyVersionOf: (state: S) => string | null;
  isTerminal: (state: S) => boolean;
}

export const streamOf = (definition: { name: string }, caseId: string): string => `${definition.name}-${caseId}`;

/** Rebuilds a case from its stored events with the very evolve the workflow runs. */
export const replay = <S, E extends ProcessEvent>(
  definition: Pick<ProcessDefinition<S, ProcessCommand, E>, 'initialState' | 'evolve' | 'parseEvent'>,
  events: readonly StoredEventLike[],
): S => events.reduce((state, stored) => definition.evolve(state, definition.parseEvent({ ...stored, occurredAt: stored.meta.occurredAt })), definition.initialState);
