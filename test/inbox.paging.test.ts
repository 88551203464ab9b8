import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../client/paging';
import { probationDefinition } from '../domain/probation';
import { rotationDefinition } from '../domain/rotation';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { apiOverStore } from './support/apiOverStore';
import { appendDrivenCase } from './support/appendDrivenCase';
import { at, probationStart, rotationStart } from './support/caseCommands';

/**
 * The inbox, the cases a person started and their notifications grow with the cases: each comes a
 * page at a time (`limit`, `after`, `{items, next}`), walked to the end with every row exactly once,
 * also while cases are added. The API over a real store and read model, without Temporal (none of
 * these reads asks it); the cases are appended as their deciders record them.
 */
const inbox = suite<{ store: SqliteEventStore; call: (person: string, path: string) => Promise<Response>; close: () => Promise<void> }>('inbox paging');

/** Probations sup-ortiz must assess (dated) and rotations naming sup-ortiz as the participant (undated): more than two default pages. */
const PROBATIONS = 250;
const ROTATIONS = 30;
/** Effective dates repeat every 50 cases: many decisions share a due date, the cursor's tie-break is exercised. */
const effectiveDate = (i: number) => new Date(Date.UTC(2026, 0, 12 + (i % 50))).toISOString().slice(0, 10);

const probation = (store: SqliteEventStore, caseId: string, date: string) =>
  appendDrivenCase(store, probationDefinition, `probation-${caseId}`, [probationStart({ caseId, appointmentEffectiveDate: date }, at(date))]);

inbox.before(async (context) => {
  const api = await apiOverStore('inbox-paging');
  context.store = api.store;
  context.call = (person, path) => api.call(person, path);
  context.close = () => api.close();
  for (let i = 0; i < PROBATIONS; i++) await probation(context.store, `EX-P-${String(i).padStart(3, '0')}`, effectiveDate(i));
  for (let i = 0; i < ROTATIONS; i++) {
    const caseId = `ROT-P-${String(i).padStart(3, '0')}`;
    await appendDrivenCase(context.store, rotationDefinition, `rotation-${caseId}`, [
      rotationStart({
        caseId,
        participant: { id: 'sup-ortiz', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 30, lastRatingLevel: 5 },
      }),
    ]);
  }
});
inbox.after(({ close }) => close());

interface Row {
  stream: string;
  seq?: number;
  dueOn?: string | null;
  startedAt?: string;
  id?: string;
  at?: string;
}
type Page = { items: Row[]; next: string | null } & Record<string, unknown>;

/** Follows `next` to the end; `between` runs after each page (cases added mid-walk). */
const walk = async (call: () => (path: string) => Promise<Response>, path: string, between: (pageNumber: number) => Promise<void> = async () => undefined) => {
  const items: Row[] = [];
  const pages: Page[] = [];
  let next: string | null = null;
  do {
    const response: Response = await call()(`${path}${path.includes('?') ? '&' : '?'}${next === null ? '' : `after=${encodeURIComponent(next)}`}`);
    assert.is(response.status, 200, await response.clone().text());
    const page = (await response.json()) as Page;
    items.push(...page.items);
    pages.push(page);
    next = page.next;
    await between(pages.length);
  } while (next !== null);
  return { items, pages };
};

const decisionKey = (row: Row) => `${row.stream}#${row.seq}`;
/** The inbox's order: soonest due first, undated last, then stream and seq. */
const inboxOrder = (a: Row, b: Row) =>
  Number(a.dueOn === null) - Number(b.dueOn === null) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.stream.localeCompare(b.stream) || a.seq! - b.seq!;

inbox('the inbox walks in bounded pages, soonest due first and undated last, every waiting decision exactly once', async ({ call }) => {
  const { items, pages } = await walk(() => (path) => call('sup-ortiz', path), '/inbox?limit=40');
  assert.ok(
    pages.every((p) => p.items.length <= 40 && p.person !== undefined && typeof p.asOf === 'string'),
    'each page bounded, with the person and the instant',
  );
  assert.is(new Set(items.map(decisionKey)).size, items.length, 'no decision twice');
  const probations = items.filter((r) => r.stream.startsWith('probation-'));
  assert.equal(new Set(probations.map((r) => r.stream)).size, PROBATIONS, 'every probation assessment');
  assert.is(items.filter((r) => r.stream.startsWith('rotation-')).length, ROTATIONS, 'every undated statement of interest');
  assert.equal(items, [...items].sort(inboxOrder), 'in the inbox order across pages, the dated ones before the undated');
  assert.ok(pages.length >= items.length / 40);

  const first = (await (await call('sup-ortiz', '/inbox')).json()) as Page;
  assert.is(first.items.length, PAGE_LIMIT_DEFAULT, 'a default page without a limit');
  assert.type(first.next, 'string');
  const all = (await (await call('sup-ortiz', `/inbox?limit=${PAGE_LIMIT_MAX}`)).json()) as Page;
  assert.equal(all.items.map(decisionKey), items.map(decisionKey), 'one page of the largest size holds the same rows in the same order');
  assert.is(all.next, null);
});

inbox('the cases a person started walk oldest first, each once; another person has none of them', async ({ call }) => {
  const { items, pages } = await walk(() => (path) => call('hr-ana', path), '/inbox/started?limit=64');
  assert.ok(pages.every((p) => p.items.length <= 64));
  assert.is(items.length, PROBATIONS + ROTATIONS);
  assert.is(new Set(items.map((r) => r.stream)).size, items.length, 'no case twice');
  assert.equal(
    items,
    [...items].sort((a, b) => a.startedAt!.localeCompare(b.startedAt!) || a.stream.localeCompare(b.stream)),
  );
  assert.equal(((await (await call('sup-ortiz', '/inbox/started')).json()) as Page).items, []);
});

inbox('decisions and cases added during a walk: none given twice, none of those there before skipped', async ({ call, store }) => {
  const before = (await walk(() => (path) => call('sup-ortiz', path), `/inbox?limit=${PAGE_LIMIT_MAX}`)).items.map(decisionKey);
  let added = 0;
  // After each page, two probations: one due before the walk's place (not in this walk), one due after it (given once, in order).
  const { items } = await walk(
    () => (path) => call('sup-ortiz', path),
    '/inbox?limit=25',
    async () => {
      if (added >= 8) return;
      await probation(store, `EX-MID-EARLY-${added}`, '2026-01-02');
      await probation(store, `EX-MID-LATE-${added}`, '2026-12-01');
      added += 1;
    },
  );
  const keys = items.map(decisionKey);
  assert.is(new Set(keys).size, keys.length, 'no decision twice');
  for (const key of before) assert.ok(keys.includes(key), `${key} was waiting before the walk and is given`);
  assert.equal(items.filter((r) => r.stream.includes('-MID-LATE-')).length, added, "each decision added after the walk's place is given once");
  assert.equal(items, [...items].sort(inboxOrder));

  const startedBefore = (await walk(() => (path) => call('hr-ana', path), `/inbox/started?limit=${PAGE_LIMIT_MAX}`)).items.map((r) => r.stream);
  let more = 0;
  const started = await walk(
    () => (path) => call('hr-ana', path),
    '/inbox/started?limit=30',
    async () => {
      if (more < 5) await probation(store, `EX-MID-NEW-${more++}`, '2026-12-02');
    },
  );
  const streams = started.items.map((r) => r.stream);
  assert.is(new Set(streams).size, streams.length, 'no case twice');
  assert.equal(streams.slice(0, startedBefore.length), startedBefore, 'the cases there before, in their order');
  assert.equal(
    streams.slice(startedBefore.length),
    ['EX-MID-NEW-0', 'EX-MID-NEW-1', 'EX-MID-NEW-2', 'EX-MID-NEW-3', 'EX-MID-NEW-4'].map((c) => `probation-${c}`),
    'then each new one once',
  );
});

inbox("the person's notifications walk newest first, each once, with the unread count of them all on every page", async ({ call }) => {
  const { items, pages } = await walk(() => (path) => call('sup-ortiz', path), '/notifications?limit=50');
  assert.ok(items.length > PAGE_LIMIT_DEFAULT, `${items.length} notifications: more than a default page`);
  assert.ok(
    pages.every((p) => p.items.length <= 50 && p.unread === items.length),
    'each page bounded; none read yet',
  );
  assert.is(new Set(items.map((n) => n.id)).size, items.length, 'no notification twice');
  assert.equal(
    items,
    [...items].sort((a, b) => b.at!.localeCompare(a.at!) || a.id!.localeCompare(b.id!)),
    'newest first across pages',
  );
  const unread = (await walk(() => (path) => call('sup-ortiz', path), '/notifications?unread=true&limit=300')).items;
  assert.is(unread.length, items.length);
});

inbox('a limit over the maximum and a cursor the API never gave are refused, naming the parameter', async ({ call }) => {
  for (const path of ['/inbox', '/inbox/started', '/notifications']) {
    const tooMany = await call('sup-ortiz', `${path}?limit=${PAGE_LIMIT_MAX + 1}`);
    assert.is(tooMany.status, 400, path);
    assert.equal(
      ((await tooMany.json()) as { issues: { field: string }[] }).issues.map((i) => i.field),
      ['query.limit'],
      path,
    );
    for (const after of ['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      const forged = await call('sup-ortiz', `${path}?after=${after}`);
      assert.is(forged.status, 400, `${path} after=${after}`);
      assert.equal(
        ((await forged.json()) as { issues: { field: string }[] }).issues.map((i) => i.field),
        ['query.after'],
        path,
      );
    }
  }
});

inbox.run();
