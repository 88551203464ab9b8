import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccessLog, type AccessEntry } from '../client/auditor/accessLog';
import { ENTRY_PLACES_SQL, AccessLogIndex } from '../client/auditor/accessLogIndex';
import { importAccessLogFile } from '../client/auditor/importAccessLogFile';
import { verifyAll } from '../client/auditor/verifyAll';
import { People } from '../client/auth/people';
import { NotificationOutbox } from '../client/notifications/outbox';
import { everyItem, type Page, type PageRequest } from '../client/paging';
import { toProblem } from '../client/problem';
import { processOfStream } from '../client/processOfStream';
import { ReadModel } from '../client/readModel/readModel';
import { RECORD_DISCLOSED, dayOfAccessLogStream, parseRecordDisclosed } from '../domain/disclosure';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { qrbDefinition } from '../domain/qrb';
import { appendDrivenCase } from './support/appendDrivenCase';
import { QRB_A_SUBMITTED } from './support/caseCommands';
import { queryPlanOf } from './support/queryPlan';
import { withTempStore } from './support/tempStore';

/** The accounting of disclosures in a real SQLite event store, in its own streams. */
const withLog = (body: (log: AccessLog, store: SqliteEventStore, place: { dir: string; path: string }) => Promise<void>) =>
  withTempStore(async (store, place) => body(new AccessLog(store), store, place));

const statusRead = {
  at: '2026-03-02T14:05:00Z',
  personId: 'hr-ana',
  roles: ['hr-specialist'],
  action: 'qrb.status',
  streams: ['qrb-Q-1'],
  purpose: 'answering the candidate on the case status',
};
const export2 = {
  at: '2026-03-03T09:00:00-05:00',
  personId: 'aud-kim',
  roles: ['auditor'],
  action: 'audit.export',
  streams: ['qrb-Q-1', 'probation-EX-1'],
  purpose: 'annual OPM audit of QRB certifications',
};

test('records who, what, when and why, and lists it per case; a read of two cases is listed under each', async () => {
  await withLog(async (log) => {
    const first = await log.record(statusRead);
    const second = await log.record(export2);
    assert.equal(first, { ...statusRead, roles: ['hr-specialist'], at: '2026-03-02T14:05:00.000Z', id: first.id });
    assert.is(second.at, '2026-03-03T14:00:00.000Z', 'stored in UTC');
    assert.equal(second.streams, ['probation-EX-1', 'qrb-Q-1']);
    assert.equal(
      (await log.forStream('qrb-Q-1')).items.map((entry) => entry.action),
      ['qrb.status', 'audit.export'],
    );
    assert.equal(
      (await log.forStream('probation-EX-1')).items.map((entry) => [entry.personId, entry.purpose]),
      [['aud-kim', 'annual OPM audit of QRB certifications']],
    );
    assert.equal(await log.forStream('rotation-R-9'), { items: [], next: null });
  });
});

test('lists by person and by a half-open time range, across offsets', async () => {
  await withLog(async (log) => {
    await log.record(statusRead);
    await log.record(export2);
    await log.record({ ...statusRead, at: '2026-03-04T08:00:00Z', purpose: 'follow-up call' });
    assert.equal(
      (await log.list({ personId: 'hr-ana' })).items.map((entry) => entry.purpose),
      ['answering the candidate on the case status', 'follow-up call'],
    );
    assert.equal(
      (await log.list({ from: '2026-03-03T09:00:00-05:00', to: '2026-03-04T08:00:00Z' })).items.map((entry) => entry.personId),
      ['aud-kim'],
    );
    assert.is((await log.list()).items.length, 3);
  });
});

test('an access without who, what or why is refused naming the field, and nothing is recorded', async () => {
  await withLog(async (log, store) => {
    let problem;
    try {
      await log.record({ ...statusRead, purpose: ' ', streams: [] });
    } catch (error) {
      problem = toProblem(error);
    }
    assert.is(problem?.status, 400);
    assert.equal(problem?.issues?.map((issue) => issue.field).sort(), ['purpose', 'streams']);
    assert.equal(await store.listStreams(), []);
  });
});

test('each access is a RecordDisclosed event in its day stream: never in a case stream, passed over by the read model and the notifier, verified with the record', async () => {
  await withLog(async (log, store, { dir }) => {
    await appendDrivenCase(store, qrbDefinition, 'qrb-Q-1', [QRB_A_SUBMITTED]);
    const caseStream = await store.readStream('qrb-Q-1');
    await log.record(statusRead);
    await log.record(export2);
    await log.record({ ...statusRead, at: '2026-03-02T23:59:59Z' });
    assert.equal(await store.readStream('qrb-Q-1'), caseStream, 'the case stream does not grow because someone looked');
    const streams = (await store.listStreams()).map((s) => s.stream);
    assert.equal(streams, ['qrb-Q-1', 'access-2026-03-02', 'access-2026-03-03']);
    const day = await store.readStream('access-2026-03-02');
    assert.equal(
      day.map((e) => [e.type, e.schemaVersion, e.meta.actor, e.data.streams]),
      [
        [RECORD_DISCLOSED, 1, { id: 'hr-ana', role: 'hr-specialist' }, ['qrb-Q-1']],
        [RECORD_DISCLOSED, 1, { id: 'hr-ana', role: 'hr-specialist' }, ['qrb-Q-1']],
      ],
    );
    assert.is(processOfStream('access-2026-03-02'), null, 'no process folds the access log');
    const model = ReadModel.open(join(dir, 'read-model.db'));
    try {
      assert.equal(await model.catchUp(store), { applied: 1, ignored: 3 });
      assert.equal(
        model.listCases().map((c) => c.stream),
        ['qrb-Q-1'],
      );
    } finally {
      await model.close();
    }
    const outbox = NotificationOutbox.open(join(dir, 'notifications.db'), People.fromFile(join(__dirname, '..', 'config', 'users.json')));
    try {
      await outbox.catchUp(store);
      assert.is(outbox.checkpoint(), (await store.readAll()).at(-1)!.position, 'the notifier reads past the access log');
      assert.ok(
        outbox.db
          .prepare('SELECT stream FROM notifications')
          .all()
          .every((row) => !(row as { stream: string }).stream.startsWith('access-')),
      );
    } finally {
      await outbox.close();
    }
    const report = await verifyAll(store);
    assert.ok(report.ok);
    assert.equal(
      report.results.map((r) => [r.stream, r.ok]),
      [
        ['qrb-Q-1', true],
        ['access-2026-03-02', true],
        ['access-2026-03-03', true],
      ],
    );
  });
});

test('an access entry changed in the store is caught by verify, at its revision', async () => {
  await withLog(async (log, store, { path }) => {
    await log.record(statusRead);
    await log.record({ ...statusRead, at: '2026-03-02T15:00:00Z', purpose: 'second read' });
    const db = new Database(path);
    db.prepare(`UPDATE events SET data = json_set(data, '$.purpose', 'nothing to see') WHERE stream = 'access-2026-03-02' AND revision = 0`).run();
    db.close();
    const report = await verifyAll(store);
    assert.not.ok(report.ok);
    const broken = report.results.find((r) => r.stream === 'access-2026-03-02');
    assert.equal(broken && !broken.ok && broken.brokenRevision, 0);
  });
});

test('two API instances on one store file record into one accounting: every access once, the chain intact', async () => {
  await withTempStore(async (first, { path }) => {
    const second = SqliteEventStore.open(path);
    try {
      const logs = [new AccessLog(first), new AccessLog(second)];
      const reads = Array.from({ length: 60 }, (_, i) => ({ ...statusRead, at: `2026-03-02T14:${String(i).padStart(2, '0')}:00Z`, purpose: `read ${i}` }));
      await Promise.all(reads.map((read, i) => logs[i % 2]!.record(read)));
      for (const log of logs) {
        const purposes = (await everyItem((page) => log.forStream('qrb-Q-1', page))).map((e) => e.purpose).sort();
        assert.equal(purposes, reads.map((r) => r.purpose).sort());
      }
      assert.ok((await verifyAll(second)).ok);
    } finally {
      await second.close();
    }
  });
});

/** Every page of `read` at `limit` a page, checking each page's size and that only a full page has a next. */
const pagesOf = async (read: (page: PageRequest) => Promise<Page<AccessEntry>>, limit: number): Promise<AccessEntry[]> => {
  const items: AccessEntry[] = [];
  for (let after: string | undefined, pages = 1; ; pages++) {
    // A cursor that does not move on would page forever.
    assert.ok(pages <= 1000, 'more than 1000 pages');
    const page = await read({ limit, ...(after === undefined ? {} : { after }) });
    assert.ok(page.items.length <= limit);
    assert.is(page.next !== null, page.items.length === limit, 'a next cursor exactly when the page is full');
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
};

test("a case's and a person's accesses are listed from the index: the same entries, pages and order as reading every entry, while more arrive; two processes share the index file", async () => {
  await withTempStore(async (store, { dir, path }) => {
    const second = SqliteEventStore.open(path);
    const indexPath = join(dir, 'access-log-index.db');
    const [indexA, indexB] = [AccessLogIndex.open(indexPath), AccessLogIndex.open(indexPath)];
    try {
      const logs = [new AccessLog(store, indexA), new AccessLog(second, indexB)];
      const cases = ['qrb-Q-1', 'qrb-Q-2', 'probation-EX-1', 'rotation-R-1', 'onboarding-N-1'];
      const people = ['hr-ana', 'aud-frank', 'sup-diaz'];
      // 120 accesses over 4 days by three people, each naming one to three cases; listings in between make the index catch up part way.
      for (let i = 0; i < 120; i++) {
        const streams = cases.filter((_, k) => (i * 7 + k * 3) % 5 < 1 + (i % 3));
        const at = `2026-03-0${2 + (i % 4)}T${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
        await logs[i % 2]!.record({ ...statusRead, at, personId: people[(i * 5) % 3]!, streams, purpose: `access ${i}` });
        if (i % 17 === 0) await logs[(i + 1) % 2]!.forStream(cases[i % cases.length]!, { limit: 3 });
        if (i % 23 === 0) await logs[i % 2]!.list({ personId: people[i % 3]! }, { limit: 2 });
      }
      // What reading every entry gives: the day streams in day order, each in recording order.
      const everyEntry = (await store.readAll())
        .filter((event) => dayOfAccessLogStream(event.stream) !== null)
        .sort((a, b) => a.stream.localeCompare(b.stream) || a.revision - b.revision)
        .map((event) => ({ id: event.id, at: new Date(event.meta.occurredAt).toISOString(), ...parseRecordDisclosed(event) }));
      for (const stream of [...cases, 'qrb-NEVER-READ']) {
        const expected = everyEntry.filter((entry) => entry.streams.includes(stream));
        for (const log of logs)
          for (const limit of [1, 7, 1000]) assert.equal(await pagesOf((page) => log.forStream(stream, page), limit), expected, `${stream} at ${limit} a page`);
      }
      // By person, alone and within a half-open range whose ends fall inside days (the index gives the days, the range the instants).
      const ranges: { from?: string; to?: string }[] = [
        {},
        { from: '2026-03-03T12:00:00Z', to: '2026-03-05T15:30:00Z' },
        { from: '2026-03-03T09:00:00-05:00' },
        { to: '2026-03-02T14:00:00Z' },
      ];
      for (const personId of [...people, 'nobody'])
        for (const range of ranges) {
          const query = { personId, ...range };
          const from = range.from ? new Date(range.from).toISOString() : '';
          const to = range.to ? new Date(range.to).toISOString() : '9999';
          const expected = everyEntry.filter((entry) => entry.personId === personId && entry.at >= from && entry.at < to);
          for (const log of logs)
            for (const limit of [1, 5, 1000])
              assert.equal(await pagesOf((page) => log.list(query, page), limit), expected, `${JSON.stringify(query)} at ${limit} a page`);
        }
      // Each entry's place once per case it names and once by its reader, whoever indexed it.
      const places = new Database(indexPath, { readonly: true });
      try {
        assert.is(
          places.prepare('SELECT COUNT(*) FROM entry_places').pluck().get(),
          everyEntry.reduce((n, entry) => n + entry.streams.length + 1, 0),
        );
      } finally {
        places.close();
      }
      // An entry recorded now is listed at once, by the other process too.
      await logs[0]!.record({ ...statusRead, at: '2026-03-06T08:00:00Z', streams: ['qrb-NEVER-READ'], purpose: 'first look' });
      assert.equal(
        (await logs[1]!.forStream('qrb-NEVER-READ')).items.map((entry) => entry.purpose),
        ['first look'],
      );
    } finally {
      indexA.close();
      indexB.close();
      await second.close();
    }
  });
});

test("a page of a case's or a person's accesses is a range of the index from the cursor on, reading no one else's entries", async () => {
  const plan = await queryPlanOf((path) => AccessLogIndex.open(path).close(), ENTRY_PLACES_SQL, {
    indexedBy: 'stream',
    key: 'qrb-Q-1',
    day: '2026-03-02',
    revision: 4,
    toDay: '2026-03-09',
    limit: 100,
  });
  assert.ok(
    plan.some((step) => step.startsWith('SEARCH entry_places USING PRIMARY KEY (indexed_by=? AND key=? AND (day,revision)>(?,?)')),
    plan.join('; '),
  );
  assert.not.ok(
    plan.some((step) => step.startsWith('SCAN') || step.includes('TEMP B-TREE')),
    plan.join('; '),
  );
});

/** An access-log file as the releases before the event-store log wrote it. */
const writeOldFile = (path: string, accesses: (typeof statusRead)[]) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE accesses (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, person_id TEXT NOT NULL, roles TEXT NOT NULL, action TEXT NOT NULL, purpose TEXT NOT NULL);
    CREATE TABLE accessed_streams (access_id INTEGER NOT NULL REFERENCES accesses (id), stream TEXT NOT NULL, PRIMARY KEY (access_id, stream))`);
  for (const a of accesses) {
    const { lastInsertRowid } = db
      .prepare('INSERT INTO accesses (at, person_id, roles, action, purpose) VALUES (?, ?, ?, ?, ?)')
      .run(new Date(a.at).toISOString(), a.personId, JSON.stringify(a.roles), a.action, a.purpose);
    for (const stream of a.streams) db.prepare('INSERT INTO accessed_streams (access_id, stream) VALUES (?, ?)').run(lastInsertRowid, stream);
  }
  db.close();
};

test('an access-log file of an earlier release is imported once: every entry kept, the file renamed, a second import adds nothing', async () => {
  await withLog(async (log, store, { dir }) => {
    const file = join(dir, 'access-log.db');
    writeOldFile(file, [statusRead, export2, { ...statusRead, at: '2026-03-04T08:00:00Z', purpose: 'follow-up call' }]);
    copyFileSync(file, join(dir, 'copy.db'));
    assert.equal(await importAccessLogFile(log, file), { file: 'access-log.db', imported: 3, alreadyThere: 0 });
    assert.not.ok(existsSync(file));
    assert.ok(existsSync(`${file}.imported`));
    const entries = (await log.list()).items;
    assert.equal(
      entries.map((e) => [e.at, e.personId, e.action, e.streams, e.purpose]),
      [
        ['2026-03-02T14:05:00.000Z', 'hr-ana', 'qrb.status', ['qrb-Q-1'], 'answering the candidate on the case status'],
        ['2026-03-03T14:00:00.000Z', 'aud-kim', 'audit.export', ['probation-EX-1', 'qrb-Q-1'], 'annual OPM audit of QRB certifications'],
        ['2026-03-04T08:00:00.000Z', 'hr-ana', 'qrb.status', ['qrb-Q-1'], 'follow-up call'],
      ],
    );
    assert.is(await importAccessLogFile(log, file), null, 'nothing left to import');
    // The same file brought back (a restored backup, an import cut short): recognised entry by entry.
    copyFileSync(join(dir, 'copy.db'), file);
    assert.equal(await importAccessLogFile(log, file), { file: 'access-log.db', imported: 0, alreadyThere: 3 });
    assert.is((await log.list()).items.length, 3);
    assert.ok((await verifyAll(store)).ok);
  });
});

test('an import cut short resumes from the renamed file and brings in only the rest', async () => {
  await withLog(async (log, _store, { dir }) => {
    const file = join(dir, 'access-log.db');
    // As if a start had claimed the file and imported its first entry when the process died.
    writeOldFile(`${file}.importing`, [statusRead, export2]);
    await log.record(statusRead, 'access-log.db#1');
    assert.equal(await importAccessLogFile(log, file), { file: 'access-log.db', imported: 1, alreadyThere: 1 });
    assert.equal(
      (await log.list()).items.map((e) => e.personId),
      ['hr-ana', 'aud-kim'],
    );
  });
});

test.run();
