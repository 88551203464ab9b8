import type { ZodType } from 'zod';
import type { Decision } from './domainError';
import type { Notice } from './notifications/notice';
import type { PendingDecision } from './pendingDecision';
import type { RecordedInputEvent } from './recordedInputs';
import type { Actor, Role } from './roles';

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
  /** Set by the workflow on the commands of a case started before days were the agency's: it counts UTC days (commandDateOf). */
  daysIn?: 'UTC';
}

/** A stored event as an auditor reads it (the envelope's relevant part). */
export interface StoredEventLike {
  type: string;
  schemaVersion: number;
  data: unknown;
  meta: { occurredAt: string };
}

/** A timer a case waits for, anchored on dates in its state (never on "now"). */
export interface ProcessTimer {
  dueAt: string;
}

/** What the workflow waits for next, the system command it runs when it fires, and the causation id of its events. */
// Method signatures: a process's own timer type stands in for ProcessTimer where the shell holds any process.
export interface ProcessTimers<S, C, T extends ProcessTimer> {
  /** Pure: the soonest timer ahead, or null when only people can move the case; daysIn 'UTC' for a case that counts UTC days. */
  next(state: S, daysIn?: 'UTC'): T | null;
  command(timer: T, at: string): C;
  id(timer: T): string;
}

/** A process's notification table: the notices one stored event gives rise to, and the event types that deliberately tell nobody. */
export interface ProcessNotices<S, E> {
  noticesFor: (event: E, before: S, after: S, stream: string) => Notice[];
  silentEventTypes: readonly string[];
}

/**
 * An action with its own path under the case (POST /<name>-cases/{id}/<path>) and CLI
 * command, whose body names the person acting (e.g. a QRB vote names its member): the
 * shell reads the actor from the body instead of asking for one.
 */
export interface NamedAction<Action> {
  path: string;
  /** The permission and OpenAPI operation id, `<process>.<verb>`, e.g. "qrb.vote"; the verb is the CLI command. */
  operation: string;
  summary: string;
  /** Who may send it, as the API reference says it. */
  who: string;
  /** The one role that takes it: the shell refuses any other before it reads the body. */
  role: Role;
  /** The body field naming the person who acts: the shell holds it to the signed-in person before it reads the body. */
  actorField: string;
  body: ZodType;
  /** The body, validated, as the action and who takes it (`actorField` in `role`). */
  toAct: (body: never) => { actor: Actor; action: Action };
}

/**
 * When an action is open and to whom, as the process's decider rules it: the roles that take it,
 * the statuses it is taken in, and any further condition. The web pages offer only what these
 * allow (no button answers 403, no one is offered another person's decision); the decider still decides.
 */
export interface ActionRule<S> {
  roles: (state: S) => readonly Role[];
  statuses: readonly string[];
  /**
   * A further condition the decider checks first: `by` is the person whose decision it is (an acting
   * official's principal) in the role they would take it in, e.g. the named supervisor, or a board member yet to vote.
   */
  when?: (state: S, by: Actor) => boolean;
}

/** A rule for every action a process takes. */
export type ActionRules<S, Action extends { type: string }> = { readonly [Type in Action['type']]: ActionRule<S> };

/** A timer the case still waits for, or a date ahead in its state (an end date): when, and what happens then, in words. */
export interface Ahead {
  kind: string;
  dueAt: string;
  note: string;
}

/** A case a process starts when it ends (e.g. a QRB appointment starts probation and onboarding). */
export interface FollowOnCase {
  /** The name of the process that runs it. */
  process: string;
  start: unknown;
  /** What starts it, as a refusal names it (`qrb.appointment.already-started`). */
  cause: string;
}

/**
 * Everything the shell needs to run, drive and audit one personnel process,
 * all pure: the workflow, the CLI/HTTP layer and the auditor share it.
 *
 * A process starts with `startCommand(body)` and then takes actions: bodies
 * `{type, ...payload}` validated by `actionSchema`, turned into commands by
 * adding `at` and `actor`. Timers add their own system commands inside the workflow.
 */
export interface ProcessDefinition<
  S,
  C extends ProcessCommand,
  E extends ProcessEvent,
  Start = unknown,
  Action extends { type: string } = { type: string },
  T extends ProcessTimer = ProcessTimer,
> {
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
  /** The start body's field naming who starts it: the shell holds it to the signed-in person before it reads the body. */
  starterField: string;
  /** The start's verb when it is not "start" (a QRB case is submitted): the operation `<name>.<verb>` and the CLI command. */
  startVerb?: string;
  startCommand: (start: Start, at: string, actor: Actor, policyVersion?: string) => C;
  /** The actions people take, as bodies `{type, ...payload}`. */
  actionSchema: ZodType<Action>;
  actionCommand: (action: Action, at: string, actor: Actor) => C;
  initialState: S;
  decide: (state: S, command: C) => Decision<E>;
  evolve: (state: S, event: E) => S;
  /** Validates a stored event and upcasts old schema versions. */
  parseEvent: (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }) => E;
  /** The schema version the workflow stamps on a new event of this type. */
  eventVersion: (type: E['type']) => number;
  /** The policy version the case pinned (null before its first event). */
  policyVersionOf: (state: S) => string | null;
  isTerminal: (state: S) => boolean;
  timers: ProcessTimers<S, C, T>;
  /** Who must act next, and by when (the inbox): from the state alone. */
  pendingDecisions: (state: S) => PendingDecision[];
  /** The commands people sent, rebuilt from the stream (what-if re-runs them). */
  recordedInputs: (events: readonly RecordedInputEvent[]) => C[];
  notices: ProcessNotices<S, E>;
  /** The agency the case belongs to (the read model files it there). */
  agencyOf: (state: S) => string | null;
  /** The roles that may start a case and read one; each action's own roles are the decider's. */
  roles: { start: readonly Role[]; read: readonly Role[] };
  /** When each action is open and to whom (the pages offer only these). */
  actionRules: ActionRules<S, Action>;
  /** The timers the case still waits for and the dates ahead in its state, in any order: the case page's timeline. */
  ahead: (state: S) => Ahead[];
  /** Actions with their own path and a body that names the actor (QRB's decisions); every action also goes through `act`. */
  namedActions?: readonly NamedAction<Action>[];
  /** The cases started when this one ends, from its final state. */
  followOnCases?: (state: S) => FollowOnCase[];
  /**
   * The actions that may end the case with follow-on cases: the client checks those cases would
   * start before sending one of these (which costs a query of the case); other actions go straight.
   */
  followOnActions?: readonly Action['type'][];
}

export const streamOf = (definition: { name: string }, caseId: string): string => `${definition.name}-${caseId}`;

/** Rebuilds a case from its stored events with the very evolve the workflow runs. */
export const replay = <S, E extends ProcessEvent>(
  definition: Pick<ProcessDefinition<S, ProcessCommand, E>, 'initialState' | 'evolve' | 'parseEvent'>,
  events: readonly StoredEventLike[],
): S =>
  events.reduce((state, stored) => definition.evolve(state, definition.parseEvent({ ...stored, occurredAt: stored.meta.occurredAt })), definition.initialState);
