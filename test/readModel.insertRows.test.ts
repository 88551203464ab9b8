import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { rowInserter } from '../client/readModel/insertRows';

test('rows inserted a few statements at a time: every row lands once, in any count, past one statement and none', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (stream TEXT NOT NULL, seq INTEGER NOT NULL, note TEXT, PRIMARY KEY (stream, seq))');
  const insert = rowInserter(db, 't', ['stream', 'seq', 'note']);
  for (const [stream, count] of [
    ['a', 0],
    ['b', 1],
    ['c', 64],
    ['d', 65],
    ['e', 200],
  ] as const) {
    insert(Array.from({ length: count }, (_, seq) => [stream, seq, seq % 2 ? null : `n${seq}`]));
    const rows = db.prepare('SELECT seq, note FROM t WHERE stream = ? ORDER BY seq').all(stream) as { seq: number; note: string | null }[];
    assert.equal(
      rows,
      Array.from({ length: count }, (_, seq) => ({ seq, note: seq % 2 ? null : `n${seq}` })),
      `${count} rows`,
    );
  }
  assert.throws(() => insert([['e', 3, 'again']]), /UNIQUE/, 'a failing row fails loudly');
  db.close();
});

test.run();
