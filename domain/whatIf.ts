import type { Decision } from './domainError';
import { policyById } from './policyVersions';
import type { ProcessCommand, ProcessDefinition, ProcessEvent, ProcessTimer } from './processDefinition';
import { commandGroups, type RecordedInputEvent } from './recordedInputs';
import { stateDiff } from './stateDiff';

/** What a re-run needs of a process's definition: its decider, how to read its people's inputs back, and its timers. */
export type ReplayableProcess<S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer> = Pick<
  ProcessDefinition<S, C, E, never, never, T>,
  'initialState' | 'decide' | 'evolve' | 'parseEvent' | 'policyVersionOf' | 'recordedInputs' | 'timers'
>;

export interface WhatIfRun {
  state: unknown;
  events: { type: string; occurredAt: string }[];
}

/** A recorded input the decider refuses under the what-if policy: reported, and the re-run goes on without it. */
export interface RefusedInput {
  type: string;
  at: string;
  rule: string;
  message: string;
}

export interface WhatIfResult {
  policyVersion: { recorded: string | null; whatIf: string };
  /** The instant both sides stand at. */
  until: string;
  recorded: WhatIfRun;
  whatIf: WhatIfRun;
  refusedInputs: RefusedInput[];
  differences: { path: string; recorded: unknown; whatIf: unknown }[];
}

/** A timer the record shows firing: the same timer (id) due at the same instant. */
const firingKey = (id: string, dueAt: string): string => `${id}@${Date.parse(dueAt)}`;

/**
 * Folds the record, noting when each timer actually fired: a workflow timer fires a
 * task's latency after it falls due, and a re-run that fires the same timer at the
 * same moment reproduces the record exactly.
 */
const foldRecord = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: ReplayableProcess<S, C, E, T>,
  events: readonly RecordedInputEvent[],
): { state: S; firings: Map<string, string> } => {
  const firings = new Map<string, string>();
  let state = process.initialState;
  for (const group of commandGroups(events)) {
    const timer = process.timers.next(state);
    if (group.actor.role === 'system' && timer !== null && process.timers.id(timer) === group.causationId) {
      firings.set(firingKey(group.causationId, timer.dueAt), group.occurredAt);
    }
    state = group.events.reduce((folded, stored) => process.evolve(folded, process.parseEvent({ ...stored, occurredAt: stored.meta.occurredAt })), state);
  }
  return { state, firings };
};

/**
 * Re-runs people's inputs through the decider, as the workflow would: before each
 * input, every timer that falls due by then fires (at its recorded firing when the
 * record has the same timer, else when due, never before the last input), and the
 * timers falling due by `until` fire after the last input.
 */
const rerun = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: ReplayableProcess<S, C, E, T>,
  inputs: readonly C[],
  firings: Map<string, string>,
  untilMs: number,
): { state: S; events: E[]; refusedInputs: RefusedInput[] } => {
  let state = process.initialState;
  let nowMs = -Infinity;
  const events: E[] = [];
  const refusedInputs: RefusedInput[] = [];
  const apply = (command: C): Decision<E> => {
    const decision = process.decide(state, command);
    if (decision.ok) {
      state = decision.events.reduce(process.evolve, state);
      events.push(...decision.events);
    }
    return decision;
  };
  const fireTimersThrough = (limitMs: number): void => {
    for (let timer = process.timers.next(state); timer !== null; timer = process.timers.next(state)) {
      const firesAt = Math.max(Date.parse(firings.get(firingKey(process.timers.id(timer), timer.dueAt)) ?? timer.dueAt), nowMs);
      if (firesAt > limitMs) return;
      nowMs = firesAt;
      // A timer the decider does not take leaves the case to people, as in the workflow.
      if (!apply(process.timers.command(timer, new Date(firesAt).toISOString())).ok) return;
    }
  };
  for (const input of inputs) {
    fireTimersThrough(Date.parse(input.at));
    nowMs = Math.max(nowMs, Date.parse(input.at));
    const decision = apply(input);
    if (!decision.ok) refusedInputs.push({ type: input.type, at: input.at, rule: decision.error.rule, message: decision.error.message });
  }
  fireTimersThrough(untilMs);
  return { state, events, refusedInputs };
};

/**
 * The auditor's what-if: a case's recorded inputs re-run under another policy
 * version, with the process's own decider and timers, up to `until` (default: the
 * last recorded event). Both sides stand at the same instant; `differences` lists
 * the state fields that would differ. Throws only for an unknown policy version or
 * a bad `until`; a refused input is reported in `refusedInputs`.
 */
export const whatIf = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: ReplayableProcess<S, C, E, T>,
  recordedEvents: readonly RecordedInputEvent[],
  policyVersion: string,
  until?: string,
): WhatIfResult => {
  policyById(policyVersion); // an unknown version throws here, naming the known ones
  const last = recordedEvents.at(-1);
  if (!last) throw new Error('a what-if replays a recorded case; this stream has no events');
  const untilAt = until ?? last.meta.occurredAt;
  const untilMs = Date.parse(untilAt);
  if (Number.isNaN(untilMs)) throw new Error(`until must be an ISO 8601 instant, not "${until}"`);
  const record = recordedEvents.filter((event) => Date.parse(event.meta.occurredAt) <= untilMs);
  const recorded = foldRecord(process, record);
  // The start command accepts an explicit policy version: the what-if's is set there, and the case pins it.
  const inputs = process.recordedInputs(record).map((input, i) => (i === 0 ? { ...input, policyVersion } : input));
  const run = rerun(process, inputs, recorded.firings, untilMs);
  return {
    policyVersion: { recorded: process.policyVersionOf(recorded.state), whatIf: policyVersion },
    until: untilAt,
    recorded: { state: recorded.state, events: record.map((event) => ({ type: event.type, occurredAt: event.meta.occurredAt })) },
    whatIf: { state: run.state, events: run.events.map((event) => ({ type: event.type, occurredAt: event.occurredAt })) },
    refusedInputs: run.refusedInputs,
    differences: stateDiff(recorded.state, run.state).map(({ path, before, after }) => ({ path, recorded: before, whatIf: after })),
  };
};
