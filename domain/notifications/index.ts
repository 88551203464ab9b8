import type { ProcessNotices } from '../processDefinition';
import { PROCESSES, type ProcessName } from '../processes';
import { DELEGATION_SILENT_EVENT_TYPES, delegationNotices } from './delegationNotices';
import type { Notice } from './notice';

export * from './notice';
export { QRB_WINDOW_CLOSING_REMINDER_DAYS } from './qrbNotices';

/** Every process with a notification table, and delegations (not a process: its own streams and table). */
export type NoticeProcess = ProcessName | 'delegation';

/** Each process's one-file table (its definition's `notices`), typed on its own events and state; a Map, so no name reaches a prototype. */
const TABLES = new Map<string, ProcessNotices<never, never>>([
  ...PROCESSES.map((p) => [p.name, p.notices as ProcessNotices<never, never>] as const),
  ['delegation', { noticesFor: delegationNotices as ProcessNotices<never, never>['noticesFor'], silentEventTypes: DELEGATION_SILENT_EVENT_TYPES }],
]);

/** The event types of each process that deliberately tell nobody (each process file says why). */
export const SILENT_EVENT_TYPES = Object.fromEntries([...TABLES].map(([process, table]) => [process, table.silentEventTypes])) as Record<
  NoticeProcess,
  readonly string[]
>;

/**
 * The notices one stored event gives rise to, from the case state before and after it.
 * Unknown process or event type: []. The shell passes the parsed event and the states
 * folded by the process's own evolve; the stream is `<process>-<caseId>`.
 */
export const noticesFor = (
  /** One of NoticeProcess; any other name (e.g. a process with no table yet) gives []. */
  process: NoticeProcess | (string & {}),
  event: { type: string; data: unknown; occurredAt: string },
  before: unknown,
  after: unknown,
  stream: string,
): Notice[] => TABLES.get(process)?.noticesFor(event as never, before as never, after as never, stream) ?? [];
