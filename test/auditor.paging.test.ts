import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AccessLog } from '../client/auditor/accessLog';
import { verifyExport } from '../client/auditor/verifyExport';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../client/paging';
import { probationDefinition } from '../domain/probation';
import { qrbDefinition } from '../domain/qrb';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { apiOverStore } from './support/apiOverStore';
import { appendDrivenCase } from './support/appendDrivenCase';
import { PROBATION_1, PROBATION_2, QRB_A, QRB_B, QRB_C } from './support/caseCommands';
import { proposed } from './support/eventstoreFixtures';

/**
 * Lists that can grow, over HTTP: the access log, the case list and a stream's events come a page
 * at a time (`limit`, `after`, `{items, next}`); an export streams. The API over a real store,
 * without Temporal (no audit read asks it).
 */
const paging = suite<{ store: SqliteEventStore; call: (path: string) => Promise<Response>; close: () => Promise<void> }>('paging');

/** Entries in the big access log: ACCESSES in CI, more with ACCESS_LOG_ENTRIES. */
const ACCESSES = Number(process.env.ACCESS_LOG_ENTRIES ?? 3000);
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'];

paging.before(async (context) => {
  const api = await apiOverStore('paging');
  context.store = api.store;
  context.call = (path) => api.call('aud-frank', path, { 'x-purpose': 'paging test' });
  context.close = () => api.close();
  const log = new AccessLog(context.store);
  for (let i = 0; i < ACCESSES; i++) {
    const day = DAYS[i % DAYS.length]!;
    await log.record({
      at: `${day}T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      personId: i % 2 ? 'aud-frank' : 'hr-ana',
      roles: i % 2 ? ['auditor'] : ['hr-specialist'],
      action: 'qrb.status',
      streams: [`qrb-Q-${i % 4}`],
      purpose: `read ${i}`,
    });
  }
});
paging.after(({ close }) => close());

interface Entry {
  id: string;
  at: string;
  personId: string;
  streams: string[];
  purpose: string;
}

/** Follows `next` to the end; every page's size and byte length recorded. */
const walk = async (call: (path: string) => Promise<Response>, path: string) => {
  const items: Entry[] = [];
  const pages: { count: number; bytes: number }[] = [];
  let next: string | null = null;
  do {
    const response: Response = await call(`${path}${path.includes('?') ? '&' : '?'}${next === null ? '' : `after=${encodeURIComponent(next)}`}`);
    assert.is(response.status, 200, await response.clone().text());
    const text = await response.text();
    const page = JSON.parse(text) as { items: Entry[]; next: string | null };
    items.push(...page.items);
    pages.push({ count: page.items.length, bytes: text.length });
    next = page.next;
  } while (next !== null);
  return { items, pages };
};

paging('the whole access log walks page by page: every entry exactly once, each page bounded', async ({ call }) => {
  const { items, pages } = await walk(call, '/audit/access-log?limit=250');
  assert.is(items.length, ACCESSES);
  assert.is(new Set(items.map((e) => e.id)).size, ACCESSES, 'no entry twice');
  assert.equal(new Set(items.map((e) => e.purpose)), new Set(Array.from({ length: ACCESSES }, (_, i) => `read ${i}`)));
  assert.ok(
    pages.every((p) => p.count <= 250 && p.bytes < 250 * 400),
    JSON.stringify(pages.slice(0, 3)),
  );
  assert.ok(pages.length >= ACCESSES / 250);
  const first = (await (await call('/audit/access-log')).json()) as { items: Entry[]; next: string };
  assert.is(first.items.length, PAGE_LIMIT_DEFAULT, 'a default page without a limit');
  assert.type(first.next, 'string');
});

paging('a case, a person and a time range each walk to their own entries only', async ({ call }) => {
  const forCase = (await walk(call, '/audit/streams/qrb-Q-1/access-log?limit=100')).items;
  assert.is(forCase.length, Math.ceil((ACCESSES - 1) / 4));
  assert.ok(forCase.every((e) => e.streams.includes('qrb-Q-1')));
  const byPerson = (await walk(call, '/audit/access-log?personId=hr-ana&limit=500')).items;
  assert.is(byPerson.length, Math.ceil(ACCESSES / 2));
  assert.ok(byPerson.every((e) => e.personId === 'hr-ana'));
  const oneDay = (await walk(call, `/audit/access-log?from=${DAYS[1]}T00:00:00Z&to=${DAYS[2]}T00:00:00Z&limit=${PAGE_LIMIT_MAX}`)).items;
  assert.is(oneDay.length, Math.floor((ACCESSES + 1) / 3));
  assert.ok(oneDay.every((e) => e.at.startsWith(DAYS[1]!)));
});

paging('entries recorded during a walk are given once, none skipped', async ({ call, store }) => {
  const log = new AccessLog(store);
  const read = (n: number, day: string) =>
    log.record({ at: `${day}T23:59:0${n}Z`, personId: 'hr-ana', roles: ['hr-specialist'], action: 'qrb.status', streams: ['qrb-Q-9'], purpose: `read ${n}` });
  for (let n = 0; n < 4; n++) await read(n, DAYS[n % 2]!);
  const seen: Entry[] = [];
  let next: string | null = null;
  let recorded = 4;
  do {
    const page = (await (await call(`/audit/streams/qrb-Q-9/access-log?limit=2${next ? `&after=${encodeURIComponent(next)}` : ''}`)).json()) as {
      items: Entry[];
      next: string | null;
    };
    seen.push(...page.items);
    next = page.next;
    // Meanwhile another instance records reads of the case (today, as every new read is).
    if (recorded < 7) await read(recorded++, '2026-03-04');
  } while (next !== null);
  assert.equal(
    seen.map((e) => e.purpose),
    ['read 0', 'read 2', 'read 1', 'read 3', 'read 4', 'read 5', 'read 6'],
  );
});

paging('a limit over the maximum and a cursor the API never gave are refused, naming the parameter', async ({ call }) => {
  const tooMany = await call(`/audit/access-log?limit=${PAGE_LIMIT_MAX + 1}`);
  assert.is(tooMany.status, 400);
  assert.equal(
    ((await tooMany.json()) as { issues: { field: string }[] }).issues.map((i) => i.field),
    ['query.limit'],
  );
  for (const after of ['garbage', Buffer.from('{"a":1}').toString('base64url')]) {
    const forged = await call(`/audit/streams/qrb-Q-1/access-log?after=${after}`);
    assert.is(forged.status, 400);
    assert.equal(
      ((await forged.json()) as { issues: { field: string }[] }).issues.map((i) => i.field),
      ['query.after'],
    );
  }
});

paging("a stream's events and the case list come a page at a time", async ({ call, store }) => {
  await store.append(
    'notes-EVENTS-1',
    'no_stream',
    Array.from({ length: 250 }, (_, i) => proposed('Noted', { i })),
  );
  const events = await walk(call, '/audit/streams/notes-EVENTS-1/events?limit=100');
  assert.equal(
    events.pages.map((p) => p.count),
    [100, 100, 50],
  );
  assert.equal(
    events.items.map((e) => (e as unknown as { revision: number }).revision),
    Array.from({ length: 250 }, (_, i) => i),
  );
  const logged = (await walk(call, '/audit/streams/notes-EVENTS-1/access-log')).items;
  assert.is(logged.length, 3, 'each page read is a disclosure');

  await appendDrivenCase(store, qrbDefinition, 'qrb-QRB-2026-0001', QRB_A);
  await appendDrivenCase(store, qrbDefinition, 'qrb-QRB-2026-0002', QRB_B);
  await appendDrivenCase(store, qrbDefinition, 'qrb-QRB-2026-0003', QRB_C);
  await appendDrivenCase(store, probationDefinition, 'probation-EX-1042-1', PROBATION_1);
  await appendDrivenCase(store, probationDefinition, 'probation-EX-2001-1', PROBATION_2);
  const whole = (await (await call(`/audit/cases?limit=${PAGE_LIMIT_MAX}`)).json()) as { items: { stream: string }[]; next: null };
  assert.is(whole.items.length, 5, 'the access log and other non-case streams are no cases');
  const paged = await walk(call, '/audit/cases?limit=2');
  assert.equal(
    paged.pages.map((p) => p.count),
    [2, 2, 1],
  );
  assert.equal(
    paged.items.map((c) => (c as unknown as { stream: string }).stream),
    whole.items.map((c) => c.stream),
  );
  const probations = await walk(call, '/audit/cases?process=probation&limit=1');
  assert.equal(probations.items.map((c) => (c as unknown as { stream: string }).stream).sort(), ['probation-EX-1042-1', 'probation-EX-2001-1']);
});

paging('an export streams: answered in many chunks as it is read, and it verifies', async ({ call, store }) => {
  await store.append(
    'notes-BIG-1',
    'no_stream',
    Array.from({ length: 1200 }, (_, i) => proposed('Noted', { i, note: 'x'.repeat(200) })),
  );
  const response = await call('/audit/export?stream=notes-BIG-1&stream=notes-EVENTS-1');
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-length'), null, 'not one buffered body');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks += 1;
    text += decoder.decode(value, { stream: true });
  }
  assert.ok(chunks >= 1 + Math.ceil(1200 / 500) + 1, `${chunks} chunks`);
  const verified = verifyExport(text, 'jsonl');
  assert.ok(verified.ok && verified.events === 1450, JSON.stringify(verified).slice(0, 300));
  const missing = await call('/audit/export?stream=qrb-NOPE');
  assert.is(missing.status, 404, 'a missing stream is refused before anything is sent');
});

paging.run();
