import { proposedEvent, type ProposedEvent, type RecordedEvent } from '../../domain/eventEnvelope';
import type { ProcessCommand, ProcessDefinition, ProcessEvent, ProcessTimer } from '../../domain/processDefinition';
import type { ReplayableProcess } from '../../domain/whatIf';
import { withTempStore } from './tempStore';

/** Workflow timers fire a task's latency after they fall due; the record shows it. */
const TIMER_LATENCY_MS = 1_500;

/** A process as a case is driven through it: its decider, timers and the version stamped on each new event. */
export type DrivenProcess<S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer> = ReplayableProcess<S, C, E, T> &
  Pick<ProcessDefinition<S, C, E, never, never, T>, 'eventVersion'>;

/**
 * Drives a case as its workflow does, without Temporal: before each person's command,
 * every timer due by then fires (a task's latency late); each command's events are
 * wrapped for the store under one causation id ("start", "update-N" unless
 * `causationId` says otherwise, or the timer's id). A refused command throws, unless `skipRefused` (an update validator refuses it
 * and nothing is recorded). Timers after the last command fire up to `until`.
 */
export const driveCase = <S, C extends ProcessCommand, E extends ProcessEvent, T extends ProcessTimer>(
  process: DrivenProcess<S, C, E, T>,
  stream: string,
  commands: readonly C[],
  options: { until?: string; skipRefused?: boolean; causationId?: (command: C, index: number) => string } = {},
): { events: ProposedEvent[]; accepted: C[]; state: S } => {
  let state = process.initialState;
  let nowMs = -Infinity;
  const events: ProposedEvent[] = [];
  const accepted: C[] = [];
  const run = (command: C, causationId: string): boolean => {
    const decision = process.decide(state, command);
    if (!decision.ok) return false;
    state = decision.events.reduce(process.evolve, state);
    const context = {
      actor: command.actor,
      workflowId: stream,
      runId: 'run-1',
      correlationId: stream,
      causationId,
      policyVersion: process.policyVersionOf(state)!,
    };
    events.push(...decision.events.map((event) => proposedEvent(event, process.eventVersion(event.type), context)));
    return true;
  };
  const fireTimersThrough = (limitMs: number) => {
    for (let timer = process.timers.next(state); timer !== null; timer = process.timers.next(state)) {
      const firesAt = Math.max(Date.parse(timer.dueAt) + TIMER_LATENCY_MS, nowMs);
      if (firesAt > limitMs) return;
      nowMs = firesAt;
      if (!run(process.timers.command(timer, new Date(firesAt).toISOString()), process.timers.id(timer)))
        throw new Error(`timer ${process.timers.id(timer)} refused`);
    }
  };
  for (const [i, command] of commands.entries()) {
    fireTimersThrough(Date.parse(command.at));
    nowMs = Math.max(nowMs, Date.parse(command.at));
    if (run(command, options.causationId?.(command, i) ?? (i === 0 ? 'start' : `update-${i}`))) accepted.push(command);
    else if (!options.skipRefused) throw new Error(`setup command ${command.type} at ${command.at} refused: ${JSON.stringify(process.decide(state, command))}`);
  }
  fireTimersThrough(Date.parse(options.until ?? commands.at(-1)?.at ?? ''));
  return { events, accepted, state };
};

/** Appends a case's events to a real SQLite store in a temp folder and reads them back as an auditor would. */
export const storedEvents = (stream: string, events: ProposedEvent[]): Promise<RecordedEvent[]> =>
  withTempStore(async (store) => {
    await store.append(stream, 'no_stream', events);
    return store.readStream(stream);
  });
