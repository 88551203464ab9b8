import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { Actor } from '../../domain/roles';
import { stateDiff, type StateDifference } from '../../domain/stateDiff';

/** One event of a case and what it changed in the case, as the process's evolve sees it. */
export interface HistoryEntry {
  revision: number;
  type: string;
  occurredAt: string;
  actor: Actor;
  changes: StateDifference[];
}

/**
 * What changed at each event: the state before and after it, folded with the process's own
 * evolve. Each state is folded afresh from the start of the stream, which a case's few dozen
 * events make cheap and which needs nothing of the process but its replay.
 */
export const historyOf = (events: readonly RecordedEvent[], fold: (events: RecordedEvent[]) => unknown): HistoryEntry[] => {
  let before = fold([]);
  return events.map((event, index) => {
    const after = fold(events.slice(0, index + 1));
    const entry = { revision: event.revision, type: event.type, occurredAt: event.meta.occurredAt, actor: event.meta.actor, changes: stateDiff(before, after) };
    before = after;
    return entry;
  });
};
