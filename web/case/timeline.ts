// GET /{process}-cases/:id/timeline answers the server's own type (type-only: nothing of the server is bundled).
import type { CaseTimeline as Timeline, TimelineEvent } from '../../client/readModel/caseTimeline';
import { instantText, roleName, sentence } from '../words';

export type { Timeline, TimelineEvent };

/** "by sup-ortiz (Supervisor)", "by aa-acting (Appointing authority), acting for aa-wong", "by the workflow". */
export const byWhom = ({ id, role, actingFor }: TimelineEvent['actor']): string =>
  role === 'system' ? 'by the workflow' : `by ${id} (${roleName(role)})${actingFor ? `, acting for ${actingFor}` : ''}`;

/** One event in words, e.g. "Probation assessment submitted by sup-ortiz (Supervisor), Mar 4, 2026, 9:30 AM". */
const eventWords = (event: TimelineEvent): string => `${sentence(event.type)} ${byWhom(event.actor)}, ${instantText(event.occurredAt)}`;

/** What was recorded after `revision`, in words: what a stale form tells the person. */
export const changesAfter = (timeline: Timeline, revision: number): string[] => timeline.events.filter((e) => e.revision > revision).map(eventWords);
