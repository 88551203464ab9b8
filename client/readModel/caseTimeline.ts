import { agencyDateOf } from '../../domain/agencyTimeZones';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { PendingDecision } from '../../domain/pendingDecision';
import { replay, type Ahead } from '../../domain/processDefinition';
import type { AnyProcessDefinition } from '../../domain/processes';

/** One recorded event as a case page shows it: what, when, who; never its data. */
export interface TimelineEvent {
  revision: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string; actingFor?: string };
}

export interface CaseTimeline {
  stream: string;
  revision: number;
  status: string;
  /** The instant `pending[].overdue` is judged at (the server's clock), on the case agency's date. */
  asOf: string;
  events: TimelineEvent[];
  pending: (PendingDecision & { overdue: boolean })[];
  ahead: Ahead[];
  policyVersion: string | null;
}

/**
 * A case as its page draws it, folded from its stored events with the very evolve the
 * workflow runs (pure: the same events give the same answer): each event's type, time
 * and actor, who must act next, and what the workflow still waits for.
 */
export const caseTimeline = (definition: AnyProcessDefinition, stream: string, events: readonly RecordedEvent[], asOf: string): CaseTimeline => {
  const state = replay(definition, events);
  const today = agencyDateOf(asOf, definition.agencyOf(state));
  return {
    stream,
    revision: events.length - 1,
    status: (state as { status: string }).status,
    asOf,
    events: events.map(({ revision, type, meta: { occurredAt, actor } }) => ({
      revision,
      type,
      occurredAt,
      actor: { id: actor.id, role: actor.role, ...(actor.delegation ? { actingFor: actor.delegation.from } : {}) },
    })),
    pending: definition.pendingDecisions(state).map((p) => ({ ...p, overdue: p.dueOn !== null && p.dueOn < today })),
    ahead: definition.ahead(state).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0)),
    policyVersion: definition.policyVersionOf(state),
  };
};
