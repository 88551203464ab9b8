import { z } from 'zod';
import { DISCLOSURE_EVENT_SCHEMA_VERSION, RECORD_DISCLOSED, RecordDisclosedSchema, accessLogStreamOf, parseRecordDisclosed } from '../../domain/disclosure';
import { proposedEvent, type RecordedEvent } from '../../domain/eventEnvelope';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import { policyInForceOn } from '../../domain/policyVersions';
import { PersonIdSchema, type Role } from '../../domain/roles';
import type { EventStore } from '../../eventstore/eventStore';
import { decodeCursor, encodeCursor, limitOf, type Page, type PageRequest } from '../paging';
import { AccessLogIndex, accessLogDays, type EntryPlace } from './accessLogIndex';
import { parseInput } from '../problem';

/**
 * The accounting of disclosures (Privacy Act, 5 U.S.C. 552a(c)): who read or exported which
 * case, when and why. Kept where the record is kept, in the event store, as `RecordDisclosed`
 * events in one stream per UTC day (domain/disclosure), hash-chained and verified with every
 * other stream; never in a case's stream. Every API instance on the same store shares it.
 */

export const AccessSchema = RecordDisclosedSchema.extend({ at: z.iso.datetime({ offset: true }) });
export type Access = z.infer<typeof AccessSchema>;

/** An access as recorded: `at` in UTC, so instants compare as text; `id` the event's id. */
export type AccessEntry = Access & { id: string };

export const AccessQuerySchema = z.object({
  personId: PersonIdSchema.optional(),
  /** Inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AccessQuery = z.infer<typeof AccessQuerySchema>;

/** Where a walk stands: the day stream and revision of the last entry given. */
const CursorSchema = z.tuple([z.iso.date(), z.number().int().nonnegative()]);

/** Events read from a day stream at a time while a page fills. */
const READ_BATCH = 500;

/** The role an access is recorded under in the envelope: the auditor's when the person holds it, else their first. */
const actingRole = (roles: readonly Role[]): Role => (roles.includes('auditor') ? 'auditor' : roles[0]!);

const entryOf = (event: RecordedEvent): AccessEntry => ({ id: event.id, at: new Date(event.meta.occurredAt).toISOString(), ...parseRecordDisclosed(event) });

export class AccessLog {
  /**
   * `index`: where each case's and person's entries are; a file beside the data in production,
   * by default one in this process's memory, filled on first use.
   */
  constructor(
    private readonly store: EventStore,
    private readonly index: AccessLogIndex = AccessLogIndex.open(':memory:'),
  ) {}

  /**
   * Records one read or export, durably, before the read it accounts for is answered; refuses
   * (400, naming the field) an access without who, what or why. Appended at whatever end the
   * day's stream has ('any'): concurrent instances serialize in the store and none is lost.
   * `causationId` names where an imported entry came from (its old file and row).
   */
  async record(access: unknown, causationId?: string): Promise<AccessEntry> {
    const { at: given, ...disclosure } = parseInput(AccessSchema, access);
    const at = new Date(given).toISOString();
    const stream = accessLogStreamOf(at.slice(0, 10));
    const data = { ...disclosure, streams: [...new Set(disclosure.streams)].sort() };
    const event = proposedEvent({ type: RECORD_DISCLOSED, data, occurredAt: at }, DISCLOSURE_EVENT_SCHEMA_VERSION, {
      actor: { id: data.personId, role: actingRole(data.roles) },
      workflowId: stream,
      runId: 'no-workflow',
      correlationId: data.streams[0]!,
      causationId: causationId ?? `${data.action}@${at}`,
      policyVersion: policyInForceOn(agencyDateOf(at, null))?.id ?? 'none',
    });
    const { events } = await this.store.append(stream, 'any', [event]);
    return entryOf(events[0]!);
  }

  /** Every access to one case, oldest first, a page at a time: what an auditor lists per case. */
  forStream(stream: string, page: PageRequest = {}): Promise<Page<AccessEntry>> {
    return this.fromIndex(
      page,
      (after, count) => this.index.placesOf('stream', stream, after, count),
      () => true,
    );
  }

  /** Accesses by one person and/or within [from, to), oldest first, a page at a time. */
  list(query: AccessQuery = {}, page: PageRequest = {}): Promise<Page<AccessEntry>> {
    const { personId, from, to } = parseInput(AccessQuerySchema, query);
    const fromUtc = from && new Date(from).toISOString();
    const toUtc = to && new Date(to).toISOString();
    const range = { fromDay: fromUtc?.slice(0, 10), toDay: toUtc?.slice(0, 10) };
    const within = (entry: AccessEntry) => (fromUtc === undefined || entry.at >= fromUtc) && (toUtc === undefined || entry.at < toUtc);
    if (personId === undefined) return this.walk(page, range, within);
    // From the first place of the range's first day on (revision -1 comes before every entry of it).
    const first = range.fromDay === undefined ? undefined : ([range.fromDay, -1] satisfies EntryPlace);
    return this.fromIndex(page, (after, count) => this.index.placesOf('person', personId, after ?? first, count, range.toDay), within);
  }

  /** The causation ids recorded on the given days: what an import has already brought in. */
  async causationIdsOn(days: Iterable<string>): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const day of new Set(days)) for (const event of await this.store.readStream(accessLogStreamOf(day))) ids.add(event.meta.causationId);
    return ids;
  }

  /** The days that have an access-log stream, oldest first. */
  private async days(): Promise<string[]> {
    return (await accessLogDays(this.store)).map(({ day }) => day).sort();
  }

  /**
   * The entries at the places `placesAfter` gives (the index caught up first), those `matches`
   * keeps, until the page is full: the cursor is the place of the page's last entry, as in the walk.
   */
  private async fromIndex(
    page: PageRequest,
    placesAfter: (after: EntryPlace | undefined, count: number) => EntryPlace[],
    matches: (entry: AccessEntry) => boolean,
  ): Promise<Page<AccessEntry>> {
    const limit = limitOf(page);
    await this.index.catchUp(this.store);
    const items: AccessEntry[] = [];
    for (let after = decodeCursor(page.after, CursorSchema); ;) {
      const places = placesAfter(after, limit);
      for (const place of places) {
        const [event] = await this.store.readStream(accessLogStreamOf(place[0]), place[1], 1);
        if (!event)
          throw new Error(`access log: the index places an entry at ${accessLogStreamOf(place[0])} revision ${place[1]}, which the store does not hold`);
        const entry = entryOf(event);
        if (!matches(entry)) continue;
        items.push(entry);
        if (items.length === limit) return { items, next: encodeCursor(place) };
      }
      if (places.length < limit) return { items, next: null };
      after = places.at(-1);
    }
  }

  /**
   * Day by day, in recording order, from just after the cursor, until the page is full:
   * the cursor is the day and revision of the page's last entry, so the walk gives every
   * entry once however many are recorded meanwhile.
   */
  private async walk(
    page: PageRequest,
    range: { fromDay?: string | undefined; toDay?: string | undefined },
    matches: (entry: AccessEntry) => boolean,
  ): Promise<Page<AccessEntry>> {
    const limit = limitOf(page);
    const after = decodeCursor(page.after, CursorSchema);
    const days = (await this.days()).filter(
      (day) =>
        (range.fromDay === undefined || day >= range.fromDay) && (range.toDay === undefined || day <= range.toDay) && (after === undefined || day >= after[0]),
    );
    const items: AccessEntry[] = [];
    for (const day of days) {
      const stream = accessLogStreamOf(day);
      for (let revision = after?.[0] === day ? after[1] + 1 : 0; ; revision += READ_BATCH) {
        const events = await this.store.readStream(stream, revision, READ_BATCH);
        for (const event of events) {
          const entry = entryOf(event);
          if (!matches(entry)) continue;
          items.push(entry);
          if (items.length === limit) return { items, next: encodeCursor([day, event.revision]) };
        }
        if (events.length < READ_BATCH) break;
      }
    }
    return { items, next: null };
  }
}
