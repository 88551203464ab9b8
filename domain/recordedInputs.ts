import type { EventMeta, RecordedEvent } from './eventEnvelope';
import type { Actor } from './roles';

/** A stored event as far as rebuilding its cause needs it. */
export type RecordedInputEvent = Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'> & { meta: Pick<EventMeta, 'actor' | 'occurredAt' | 'causationId'> };

/** The events one command caused: the workflow appends them together, under one causation id. */
export interface CommandGroup<E extends RecordedInputEvent = RecordedInputEvent> {
  causationId: string;
  actor: Actor;
  occurredAt: string;
  events: E[];
}

/**
 * Splits a stream into the commands that caused it. Consecutive events only: a
 * signal reuses its causation id (e.g. each agency-head hold is "transition-hold"),
 * but one command's events are always appended in one piece.
 */
export const commandGroups = <E extends RecordedInputEvent>(events: readonly E[]): CommandGroup<E>[] =>
  events.reduce<CommandGroup<E>[]>((groups, event) => {
    const last = groups.at(-1);
    if (last && last.causationId === event.meta.causationId) last.events.push(event);
    else groups.push({ causationId: event.meta.causationId, actor: event.meta.actor, occurredAt: event.meta.occurredAt, events: [event] });
    return groups;
  }, []);

/** A parsed event of a process, as its parseEvent returns it. */
interface ParsedEvent {
  type: string;
  occurredAt: string;
}

/**
 * The commands people sent, rebuilt from the first event each caused (the first
 * carries the command's payload; later ones, e.g. a decision after the last vote,
 * follow from it). Timer-caused groups are skipped: a re-run regenerates timers.
 */
export const personCommands = <E extends ParsedEvent, C>(
  events: readonly RecordedInputEvent[],
  parseEvent: (stored: { type: string; schemaVersion: number; data: unknown; occurredAt: string }) => E,
  commandOf: (first: E, actor: Actor) => C,
): C[] =>
  commandGroups(events)
    .filter((group) => group.actor.role !== 'system')
    .map((group) => {
      const [first] = group.events;
      return commandOf(parseEvent({ ...first!, occurredAt: first!.meta.occurredAt }), group.actor);
    });

/** For an event type no person's command starts with (a corrupt or foreign stream). */
export const notAPersonInput = (type: string, actor: Actor): Error =>
  new Error(`${type} is caused by the workflow's timers, not by a person; ${actor.id} (${actor.role}) cannot have caused it`);
