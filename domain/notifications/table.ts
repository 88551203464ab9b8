import { agencyDateOf, agencyDayStart } from '../agencyTimeZones';
import type { Role } from '../roles';
import type { Addressee, Notice } from './notice';

/** The case an event belongs to, as every message names and links it. */
export interface CaseRef {
  caseId: string;
  /** e.g. '/qrb-cases/QRB-2026-0001'. */
  casePath: string;
  /** The agency's calendar day the event was recorded on. */
  on: string;
}

/**
 * One process's who-is-told table: every event type of the process maps to the
 * notices it gives rise to, from the event and the case before and after it.
 * Typed on the process's own event union, so a new event type does not compile
 * until it has a row (a silent row is written `silent`).
 */
export type NoticeTable<E extends { type: string }, S> = {
  [T in E['type']]: (event: Extract<E, { type: T }>, before: S, after: S, ref: CaseRef) => Notice[];
};

/** The row of an event type nobody is told about. */
export const silent = (): Notice[] => [];

/** A role as people read it: 'executive-resources-office' → 'executive resources office'. */
export const roleName = (role: Role): string => role.replaceAll('-', ' ');

/** "1 month", "3 months". */
export const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

export const person = (id: string | null | undefined): Addressee[] => (id ? [{ personId: id }] : []);
export const people = (ids: readonly string[]): Addressee[] => ids.map((personId) => ({ personId }));
export const everyone = (role: Role): Addressee[] => [{ role }];
/** The person the case is about, told as the subject of their own record. */
export const subjectPerson = (id: string | null | undefined): Addressee[] => (id ? [{ subjectPersonId: id }] : []);

const keyOf = (a: Addressee): string => ('personId' in a ? `person:${a.personId}` : 'role' in a ? `role:${a.role}` : `subject:${a.subjectPersonId}`);

/** The addressees of all groups in order, each once; a person who is also the subject is told as the subject. */
export const recipients = (...groups: Addressee[][]): Addressee[] => {
  const all = groups.flat();
  const subjects = new Set(all.flatMap((a) => ('subjectPersonId' in a ? [a.subjectPersonId] : [])));
  const seen = new Set<string>();
  return all.filter((a) => {
    if ('personId' in a && subjects.has(a.personId)) return false;
    const key = keyOf(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** A notice about the case of `ref`; optional fields only when set. */
export const notice = (
  ref: CaseRef,
  fields: { kind: string; to: Addressee[]; subject: string; body: string; dueOn?: string | null; notBefore?: string; cancelledBy?: string[] },
): Notice => ({
  kind: fields.kind,
  to: fields.to,
  subject: fields.subject,
  body: fields.body,
  ...(fields.dueOn ? { dueOn: fields.dueOn } : {}),
  casePath: ref.casePath,
  ...(fields.notBefore ? { notBefore: fields.notBefore } : {}),
  ...(fields.cancelledBy ? { cancelledBy: fields.cancelledBy } : {}),
});

/** The case id of a stream `<prefix><caseId>`; the state's own id when the stream is named otherwise. */
export const caseIdOf = (stream: string, prefix: string, fromState: string | null | undefined): string =>
  stream.startsWith(prefix) && stream.length > prefix.length ? stream.slice(prefix.length) : (fromState ?? stream);

/**
 * Runs a table row for one event: an event type without a row (unknown to the
 * process) gives none; a notice that reaches nobody is dropped.
 */
export const runTable = <E extends { type: string; occurredAt: string }, S>(
  table: NoticeTable<E, S>,
  event: E,
  before: S,
  after: S,
  /** `agency`: the agency that owns the case, whose day `on` is (Washington's when unknown). */
  ref: Omit<CaseRef, 'on'> & { agency?: string | null },
): Notice[] => {
  if (!Object.hasOwn(table, event.type)) return [];
  const row = table[event.type as E['type']] as unknown as (event: E, before: S, after: S, ref: CaseRef) => Notice[];
  const { agency, ...caseRef } = ref;
  // A row says the agency's day a notice waits for; the outbox keeps the instant that day begins there.
  return row(event, before, after, { ...caseRef, on: agencyDateOf(event.occurredAt, agency) })
    .filter((n) => n.to.length > 0)
    .map((n) => (n.notBefore ? { ...n, notBefore: agencyDayStart(n.notBefore, agency) } : n));
};
