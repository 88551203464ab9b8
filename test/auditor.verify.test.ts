import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyAll } from '../client/auditor/verifyAll';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { proposed } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

// verifyAll on a real SQLite store (withTempStore), tampered behind its back with better-sqlite3.

const STREAMS = ['qrb-A-1', 'probation-EX-2', 'rotation-ROT-3'];

const appendThree = async (store: SqliteEventStore) => {
  for (const stream of STREAMS) {
    await store.append(stream, 'no_stream', [proposed('CaseOpened', { n: 0 }), proposed('StepTaken', { n: 1, by: 'hr-1' }), proposed('StepTaken', { n: 2 })]);
  }
};

test('an untouched store verifies: every stream intact, with totals and progress', async () => {
  await withTempStore(async (store) => {
    await appendThree(store);
    const progress: string[] = [];
    const report = await verifyAll(store, ({ done, total, result }) => progress.push(`${done}/${total} ${result.stream}`));
    assert.ok(report.ok);
    assert.equal(report.totals, { streams: 3, intact: 3, broken: 0, eventsVerified: 9 });
    assert.equal(progress, ['1/3 qrb-A-1', '2/3 probation-EX-2', '3/3 rotation-ROT-3']);
  });
});

test('a data field changed in the SQLite file: verifyAll names exactly that stream and revision 1, the others intact', async () => {
  await withTempStore(async (store, { path }) => {
    await appendThree(store);
    const raw = new Database(path);
    const changed = raw.prepare(`UPDATE events SET data = json_set(data, '$.by', 'someone-else') WHERE stream = ? AND revision = 1`).run('probation-EX-2');
    raw.close();
    assert.is(changed.changes, 1);

    const report = await verifyAll(store);
    assert.not.ok(report.ok);
    assert.equal(report.totals, { streams: 3, intact: 2, broken: 1, eventsVerified: 6 });
    const broken = report.results.filter((result) => !result.ok);
    assert.equal(
      broken.map((result) => [result.stream, result.ok ? -1 : result.brokenRevision]),
      [['probation-EX-2', 1]],
    );
    assert.match(broken[0]!.ok ? '' : broken[0]!.reason, /no longer matches its hash/);
    assert.equal(
      report.results.filter((result) => result.ok).map((result) => result.stream),
      ['qrb-A-1', 'rotation-ROT-3'],
    );
  });
});

test.run();
