import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyAll } from '../client/auditor/verifyAll';
import { verifyInThreads } from '../client/auditor/verifyInThreads';
import { GENESIS_HASH, type RecordedEvent } from '../domain/eventEnvelope';
import { canonicalEventText, canonicalJson, eventIdFor, hashEventText } from '../eventstore/hashChain';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { CorruptEventError, type StoredText } from '../eventstore/storedEvents';
import { ChainWalk, verifyRecords, verifyStream, type VerifyResult } from '../eventstore/verifyStream';
import { CONTEXT, proposed } from './support/eventstoreFixtures';
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

test('on two worker threads: the same report, in the same order and with the same progress, as on this thread, tampered streams included', async () => {
  await withTempStore(async (store, { path }) => {
    const streams = Array.from({ length: 40 }, (_, i) => `qrb-T-${i}`);
    for (const stream of streams)
      await store.append(stream, 'no_stream', [proposed('CaseOpened', { n: 0 }), proposed('StepTaken', { n: 1 }), proposed('StepTaken', { n: 2 })]);
    const raw = new Database(path);
    raw.prepare(`UPDATE events SET data = json_set(data, '$.n', 9) WHERE stream = 'qrb-T-5' AND revision = 1`).run();
    raw.prepare(`DELETE FROM events WHERE stream = 'qrb-T-20' AND revision = 1`).run();
    raw.prepare(`UPDATE events SET meta = '{"broken' WHERE stream = 'qrb-T-33' AND revision = 2`).run();
    raw.close();

    const run = async (threads: number) => {
      const progress: string[] = [];
      const report = await verifyAll(store, ({ done, total, result }) => progress.push(`${done}/${total} ${result.stream}`), null, { threads });
      return { report, progress };
    };
    const [here, threaded] = [await run(1), await run(2)];
    assert.equal(threaded, here);
    assert.equal(
      threaded.report.results.filter((result) => !result.ok).map((result) => [result.stream, result.ok ? -1 : result.brokenRevision]),
      [
        ['qrb-T-5', 1],
        ['qrb-T-20', 1],
        ['qrb-T-33', 2],
      ],
    );
    assert.equal(threaded.progress.at(-1), `40/40 qrb-T-39`);
    assert.equal(threaded.report.totals, { streams: 40, intact: 37, broken: 3, eventsVerified: 111 });
  });
});

/** A stored row as a store writing canonical text holds it. */
const canonicalRow = (event: RecordedEvent): StoredText => ({ ...event, data: canonicalJson(event.data), meta: canonicalJson(event.meta) });

const walked = (stream: string, rows: StoredText[]): VerifyResult => {
  const walk = new ChainWalk(stream);
  for (const row of rows) if (!walk.storedText(row)) break;
  return walk.result();
};

test('canonical stored text is hashed as it stands, with the verdicts and reasons of the full check', async () => {
  await withTempStore(async (store) => {
    await appendThree(store);
    const events = await store.readStream('probation-EX-2');
    const rows = events.map(canonicalRow);
    const full = (changed: StoredText[]) =>
      verifyRecords(
        'probation-EX-2',
        events.map((event, i) => ({ ...event, data: JSON.parse(changed[i]!.data), meta: JSON.parse(changed[i]!.meta) })),
      );
    assert.equal(walked('probation-EX-2', rows), { ok: true, stream: 'probation-EX-2', events: 3, lastHash: events[2]!.meta.hash });
    const tampered = [
      rows.map((row, i) => (i === 1 ? { ...row, data: row.data.replace('"hr-1"', '"hr-2"') } : row)),
      rows.map((row, i) => (i === 2 ? { ...row, meta: row.meta.replace(events[1]!.meta.hash, events[0]!.meta.hash) } : row)),
      rows.map((row, i) => (i === 0 ? { ...row, meta: row.meta.replace('"hash":', '"hash": ') } : row)),
    ];
    const verdicts = tampered.map((changed) => walked('probation-EX-2', changed));
    assert.equal(verdicts, tampered.map(full));
    assert.equal(
      verdicts.map((verdict) => (verdict.ok ? 'ok' : verdict.brokenRevision)),
      [1, 2, 'ok'],
    );
  });
});

/**
 * Writes `stream`'s next revision straight into the file, as a forger or a buggy writer would: the
 * given data text and meta, with prevHash and hash recomputed over that text exactly as the
 * store's own fast path composes it, so only a check of what an append guarantees can tell.
 */
function forge(path: string, stream: string, row: { type?: string; schemaVersion?: number; data: string; meta?: Record<string, unknown> }): void {
  const raw = new Database(path);
  const tail = raw
    .prepare<[string], { revision: number; meta: string }>('SELECT revision, meta FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
    .get(stream);
  const revision = tail ? tail.revision + 1 : 0;
  const prevHash = tail ? (JSON.parse(tail.meta) as { hash: string }).hash : GENESIS_HASH;
  const { type = 'StepTaken', schemaVersion = 1, data, meta = CONTEXT } = row;
  const unhashed = { ...meta, prevHash };
  const id = eventIdFor(stream, revision);
  const hash = hashEventText(prevHash, canonicalEventText({ id, stream, revision, type, schemaVersion, dataJson: data, metaJson: canonicalJson(unhashed) }));
  raw
    .prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, meta) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(stream, revision, id, type, schemaVersion, data, canonicalJson({ ...unhashed, hash }));
  raw.close();
}

test('rows forged with a recomputed hash: verify --all (one thread, two threads) and verifyStream give the same verdict and reason; reads refuse what the schema refuses', async () => {
  await withTempStore(async (store, { path }) => {
    const { policyVersion: _dropped, ...withoutPolicy } = CONTEXT;
    const forged: Record<string, Parameters<typeof forge>[2]> = {
      'no-policy': { data: '{"a":1}', meta: withoutPolicy },
      'bad-type': { type: 'not pascal', schemaVersion: 0, data: '{"a":1}' },
      'array-data': { data: '[1,2]' },
      'non-canonical': { data: '{"b":1, "a":1.0}' },
      'duplicate-key': { data: '{"a":1,"a":2}' },
      'extra-meta-key': { data: '{"a":1}', meta: { ...CONTEXT, note: 'not in the schema' } },
      'proto-key': { data: '{"__proto__":{"x":1},"a":1}' },
      'nested-unsorted': { data: '{"a":{"c":1,"b":2}}' },
      'escaped-text': { data: '{"a":"\\u00e9"}' },
      'negative-zero': { data: '{"a":-0}' },
      // "__proto__" spelt with an escape: the schema drops the key all the same, so reads must not keep it.
      'escaped-proto-key': { data: '{"\\u005f_proto__":{"polluted":true},"a":1}' },
      // Deeper than canonicalJson's recursion can follow: that revision's verdict, not an aborted audit.
      'too-deep': { data: `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}` },
      canonical: { data: '{"a":1,"b":[2,{"c":"é"}]}' },
      // Canonical (keys sorted as strings), though JSON.parse puts integer-like keys first: only the full check can take it.
      'canonical-integer-keys': { data: '{"10":1,"9":{"a":null,"b":[]}}' },
    };
    for (const [stream, row] of Object.entries(forged)) {
      await store.append(stream, 'no_stream', [proposed('CaseOpened', { n: 0 })]);
      forge(path, stream, row);
      await store.append(stream, 'any', [proposed('StepTaken', { n: 2 })]).catch(() => undefined);
    }
    const streams = Object.keys(forged);
    const full = await Promise.all(streams.map((stream) => verifyStream(store, stream)));
    assert.equal((await verifyAll(store, undefined, null, { threads: 1 })).results, full);
    assert.equal((await verifyAll(store, undefined, null, { threads: 2 })).results, full);
    assert.equal(
      full.map((verdict) => [verdict.stream, verdict.ok ? 'ok' : verdict.brokenRevision]),
      streams.map((stream) => [stream, stream.startsWith('canonical') ? 'ok' : 1]),
    );

    const refused: string[] = [];
    for (const stream of streams) {
      const error = await store.readStream(stream).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      if (error === undefined) continue;
      assert.instance(error, CorruptEventError);
      assert.match((error as Error).message, `"${stream}" at revision 1`);
      refused.push(stream);
    }
    assert.equal(refused, ['no-policy', 'bad-type', 'array-data']);
    assert.equal((await store.readStream('duplicate-key'))[1]!.data, { a: 2 }, 'the schema check reads it as JSON.parse does, as before');
    assert.equal((await store.readStream('proto-key'))[1]!.data, { a: 1 }, 'the schema check drops __proto__, as before');
    const escaped = (await store.readStream('escaped-proto-key'))[1]!.data;
    assert.equal([Object.keys(escaped), Object.hasOwn(escaped, '__proto__')], [['a'], false], 'an escaped __proto__ is dropped too');
    const tooDeep = full.find((verdict) => verdict.stream === 'too-deep')!;
    assert.match(tooDeep.ok ? '' : tooDeep.reason, 'nests deeper than its hash can be recomputed');
  });
});

test('verify of a store file it cannot open fails with an Error naming the file, on one thread and on two (refused before any worker starts)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'verify-')), 'missing.db');
  const streams = Array.from({ length: 40 }, (_, i) => ({ stream: `s-${i}`, lastRevision: 2 }));
  for (const threads of [1, 2]) {
    const error = await verifyInThreads(file, streams, null, threads, () => undefined).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.instance(error, Error);
    assert.match((error as Error).message, `cannot open the event store file ${file}`);
  }
});

test.run();
