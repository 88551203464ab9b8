import type { PendingDecision } from '../../domain/pendingDecision';
import { instantText, roleName, sentence } from '../words';

/** GET /{process}-cases/:id/timeline: the case's events (no data), who acts next, the timers ahead. */
export interface Timeline {
  stream: string;
  revision: number;
  status: string;
  asOf: string;
  events: TimelineEvent[];
  pending: (PendingDecision & { overdue: boolean })[];
  ahead: { kind: string; dueAt: string; note: string }[];
  policyVersion: string | null;
}

export interface TimelineEvent {
  revision: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string; actingFor?: string };
}

/** "by sup-ortiz (Supervisor)", "by aa-acting (Appointing authority), acting for aa-wong", "by the workflow". */
export const byWhom = ({ id, role, actingFor }: TimelineEvent['actor']): string =>
  role === 'system' ? 'by the workflow' : `by ${id} (${roleName(role)})${actingFor ? `, acting for ${actingFor}` : ''}`;

/** One event in words, e.g. "Probation assessment submitted by sup-ortiz (Supervisor), Mar 4, 2026, 9:30 AM". */
export const eventWords = (event: TimelineEvent): string => `${sentence(event.type)} ${byWhom(event.actor)}, ${instantText(event.occurredAt)}`;

/** What was recorded after `revision`, in words: what a stale form tells the person. */
export const changesAfter = (timeline: Timeline, revision: number): string[] => timeline.events.filter((e) => e.revision > revision).map(eventWords);
