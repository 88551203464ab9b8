import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Audit } from '../client/audit';
import { CheckpointKey, verifierFromPublished } from '../client/auditor/checkpointKey';
import { Checkpoints } from '../client/auditor/checkpoints';
import { CHECKPOINT_STREAM } from '../client/auditor/checkpointStream';
import { verifyExport, type ExportVerification } from '../client/auditor/verifyExport';
import { Authenticator } from '../client/auth/authenticator';
import { loadConfig } from '../client/config';
import { Delegations } from '../client/delegations';
import { createApiServer } from '../client/http/apiServer';
import { IdempotencyKeys } from '../client/http/idempotencyKeys';
import { idempotencyKeysPath, openOperations } from '../client/openOperations';
import { toProblem } from '../client/problem';
import { briefGrpcRetries } from '../client/temporalRetries';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { eventIdFor, hashEvent } from '../eventstore/hashChain';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { proposed } from './support/eventstoreFixtures';

// The tamper matrix: a real SQLite store filled through the store API (and a delegation through
// Delegations), two signed checkpoints, then each attack done with plain SQL on a copy of the
// file, as an insider with the database would. verify, verify --all and the offline check of an
// export must each catch it and name it; the untouched store must pass.

const CASES = ['qrb-A-1', 'probation-EX-2', 'rotation-ROT-3'];
const DELEGATION = 'delegation-DEL-2026-0001';
const AA = { id: 'aa-wong', roles: ['appointing-authority' as const] };
const GRANT = {
  delegationId: 'DEL-2026-0001',
  from: 'aa-wong',
  to: 'aa-acting',
  role: 'appointing-authority',
  approvals: ['CertifyProbation'],
  validFrom: '2026-11-23',
  validUntil: '2026-12-31',
  reason: 'on leave',
};

const dir = mkdtempSync(join(tmpdir(), 'ses-tamper-'));
const golden = join(dir, 'golden.db');
const keyPath = join(dir, 'checkpoint-signing-key.pem');
const openAudit = (path: string) => {
  const store = SqliteEventStore.open(path);
  return { store, audit: new Audit(store, new Checkpoints(store, new CheckpointKey(keyPath))) };
};
const delegationsOn = (store: SqliteEventStore) => new Delegations(store, async () => '2026-11-24T09:00:00.000Z');

/** Interleaved appends (so global positions interleave), a granted then revoked delegation, checkpoints #1 and #2, then later appends. */
const fill = async () => {
  const { store, audit } = openAudit(golden);
  for (let n = 0; n < 4; n++)
    for (const stream of CASES.slice(0, n < 3 ? 3 : 2))
      await store.append(stream, n === 0 ? 'no_stream' : n - 1, [proposed('StepTaken', { n, stream, note: `step ${n}` })]);
  await delegationsOn(store).grant(AA, GRANT);
  assert.is((await audit.checkpoints.create()).anchor.checkpoint.body.sequence, 1);
  await delegationsOn(store).revoke(AA, 'DEL-2026-0001', { reason: 'back from leave' });
  await store.append('qrb-A-1', 3, [proposed('StepTaken', { n: 4 })]);
  const second = await audit.checkpoints.create();
  assert.equal([second.created, second.anchor.checkpoint.body.sequence, second.anchor.checkpoint.body.streams], [true, 2, 4]);
  assert.is((await audit.checkpoints.create()).created, false, 'nothing moved: no new checkpoint');
  await store.append('probation-EX-2', 3, [proposed('StepTaken', { n: 4, after: 'the checkpoint' })]);
  const copy = await audit.checkpoints.copy();
  await store.close();
  return { copy };
};
const filled = fill();

/** A copy of the golden store, changed with SQL, then opened as the application opens it. */
const tampered = async (sql: (db: Database.Database) => void) => {
  await filled;
  const path = join(dir, `copy-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(golden, path);
  const db = new Database(path);
  sql(db);
  db.close();
  return openAudit(path);
};

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  meta: string;
}
const rows = (db: Database.Database, stream: string): Row[] => db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
const lastPosition = (db: Database.Database): number => (db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number }).p;

/** Writes a stream's events from `from` on with their hashes recomputed: a chain that verifies on its own. */
const rechain = (db: Database.Database, stream: string, change: (data: Record<string, unknown>, revision: number) => Record<string, unknown>) => {
  let prevHash = '0'.repeat(64);
  for (const row of rows(db, stream)) {
    const data = change(JSON.parse(row.data) as Record<string, unknown>, row.revision);
    const { hash: _old, prevHash: _prev, ...meta } = JSON.parse(row.meta) as RecordedEvent['meta'];
    const id = (db.prepare('SELECT id FROM events WHERE position = ?').get(row.position) as { id: string }).id;
    const hash = hashEvent(prevHash, { id, stream, revision: row.revision, type: row.type, schemaVersion: 1, data, meta: { ...meta, prevHash } });
    db.prepare('UPDATE events SET data = ?, meta = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...meta, prevHash, hash }), row.position);
    prevHash = hash;
  }
};

/** A forged event that extends a stream's chain correctly, at a global position before the checkpoint's. */
const forgeAfter = (db: Database.Database, stream: string, position: number) => {
  const last = rows(db, stream).at(-1);
  const revision = last ? last.revision + 1 : 0;
  const prevHash = last ? (JSON.parse(last.meta) as RecordedEvent['meta']).hash : '0'.repeat(64);
  const { hash: _h, prevHash: _p, ...meta } = JSON.parse(rows(db, 'qrb-A-1')[0]!.meta) as RecordedEvent['meta'];
  const id = eventIdFor(stream, revision);
  const event = { id, stream, revision, type: 'StepTaken', schemaVersion: 1, data: { forged: true }, meta: { ...meta, prevHash } };
  const hash = hashEvent(prevHash, event);
  db.prepare('INSERT INTO events (position, stream, revision, id, type, schema_version, data, meta) VALUES (?, ?, ?, ?, ?, 1, ?, ?)').run(
    position,
    stream,
    revision,
    id,
    event.type,
    JSON.stringify(event.data),
    JSON.stringify({ ...meta, prevHash, hash }),
  );
};

type Expected = { stream: string; revision: number; reason: RegExp };

/** The attack is caught by verify of the stream and by verify --all, each naming the stream, revision and what happened. */
const assertCaught = async (opened: ReturnType<typeof openAudit>, expected: Expected) => {
  try {
    const one = await opened.audit.verify(expected.stream);
    assert.is(one.ok, false, `verify ${expected.stream} passed`);
    assert.is(one.brokenRevision, expected.revision, one.reason);
    assert.match(one.reason ?? '', expected.reason);
    const all = await opened.audit.verifyAll();
    assert.is(all.ok, false, 'verify --all passed');
    const named = all.results.find((r) => r.stream === expected.stream);
    assert.ok(named && !named.ok, `verify --all does not name ${expected.stream}`);
    assert.is(named.ok ? -1 : named.brokenRevision, expected.revision);
    assert.is(all.checkpoint.sequence, 2);
  } finally {
    await opened.store.close();
  }
};

const MATRIX: [string, (db: Database.Database) => void, Expected][] = [
  [
    'a byte flipped in a data field',
    (db) => db.prepare("UPDATE events SET data = replace(data, 'step 1', 'step 7') WHERE stream = 'qrb-A-1' AND revision = 1").run(),
    { stream: 'qrb-A-1', revision: 1, reason: /no longer matches its hash/ },
  ],
  [
    'the last event deleted',
    (db) => db.prepare("DELETE FROM events WHERE stream = 'qrb-A-1' AND revision = 4").run(),
    { stream: 'qrb-A-1', revision: 4, reason: /ends at revision 3, but checkpoint #2 holds it through revision 4.*events were removed/ },
  ],
  [
    'the last two events deleted',
    (db) => db.prepare("DELETE FROM events WHERE stream = 'qrb-A-1' AND revision >= 3").run(),
    { stream: 'qrb-A-1', revision: 3, reason: /events were removed/ },
  ],
  [
    'an event deleted from the middle',
    (db) => db.prepare("DELETE FROM events WHERE stream = 'rotation-ROT-3' AND revision = 1").run(),
    { stream: 'rotation-ROT-3', revision: 1, reason: /found revision 2 where revision 1 belongs/ },
  ],
  [
    'two events swapped',
    (db) => {
      const [, one, two] = rows(db, 'rotation-ROT-3');
      const swap = db.prepare('UPDATE events SET type = ?, data = ?, meta = ? WHERE position = ?');
      swap.run(two!.type, two!.data, two!.meta, one!.position);
      swap.run(one!.type, one!.data, one!.meta, two!.position);
    },
    { stream: 'rotation-ROT-3', revision: 1, reason: /prevHash .* is not the previous event's hash/ },
  ],
  [
    'a stream rewritten with its chain recomputed',
    (db) => rechain(db, 'probation-EX-2', (data, revision) => (revision === 1 ? { ...data, note: 'rewritten' } : data)),
    { stream: 'probation-EX-2', revision: 3, reason: /revision 3 hashes to .* but checkpoint #2 holds .*: the stream was rewritten/ },
  ],
  [
    'a whole stream deleted',
    (db) => db.prepare("DELETE FROM events WHERE stream = 'rotation-ROT-3'").run(),
    { stream: 'rotation-ROT-3', revision: 0, reason: /checkpoint #2 holds this stream through revision 2, the store has none of it: the stream was deleted/ },
  ],
  [
    'a forged stream added before the checkpoint',
    (db) => forgeAfter(db, 'qrb-FORGED-9', 0),
    {
      stream: 'qrb-FORGED-9',
      revision: 0,
      reason: /at global position 0, at or before checkpoint #2's position .* does not hold this stream: it was added after the checkpoint/,
    },
  ],
  [
    'a forged event appended with a valid chain before the checkpoint',
    (db) => {
      // Room made in the global order right after the stream's last event, as a careful forger would.
      const after = rows(db, 'rotation-ROT-3').at(-1)!.position;
      db.prepare('UPDATE events SET position = -(position + 1) WHERE position > ?').run(after);
      db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
      forgeAfter(db, 'rotation-ROT-3', after + 1);
    },
    { stream: 'rotation-ROT-3', revision: 3, reason: /holds the stream only through revision 2: it was added after the checkpoint/ },
  ],
  [
    'global positions renumbered',
    (db) => db.prepare(`UPDATE events SET position = position + 1000 WHERE stream != '${CHECKPOINT_STREAM}'`).run(),
    {
      stream: 'qrb-A-1',
      revision: 4,
      reason: /revision 4 stands at global position \d+, but checkpoint #2 holds position \d+: global positions were renumbered/,
    },
  ],
  [
    "two events' global positions swapped",
    (db) => {
      const [, one, two] = rows(db, 'qrb-A-1');
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, one!.position);
      move.run(one!.position, two!.position);
      move.run(two!.position, -1);
    },
    { stream: 'qrb-A-1', revision: 2, reason: /global position \d+ is not after revision 1's position \d+: positions were renumbered/ },
  ],
  [
    "a delegation's revocation deleted",
    (db) => db.prepare(`DELETE FROM events WHERE stream = '${DELEGATION}' AND revision = 1`).run(),
    { stream: DELEGATION, revision: 1, reason: /events were removed/ },
  ],
];

test('the untouched store passes verify, verify --all and its export offline, anchored to checkpoint #2 (a later append is fine)', async () => {
  const opened = await tampered(() => undefined);
  try {
    for (const stream of [...CASES, DELEGATION]) {
      const result = await opened.audit.verify(stream);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal([result.checkpoint.source, result.checkpoint.sequence, result.checkpoint.ok], ['store', 2, true]);
    }
    const all = await opened.audit.verifyAll();
    assert.ok(all.ok, JSON.stringify(all.results.filter((r) => !r.ok)));
    assert.is(all.totals.streams, 5, 'the four streams and the checkpoint stream');
    const text = await opened.audit.export([...CASES, DELEGATION], 'jsonl');
    const offline = verifyExport(text, 'jsonl', opened.audit.checkpoints.key.verifying());
    assert.ok(offline.ok, JSON.stringify(offline));
    assert.equal([offline.anchoring, offline.checkpoint?.sequence], ['verified', 3], 'the export signed checkpoint #3 for the later append');
  } finally {
    await opened.store.close();
  }
});

for (const [name, sql, expected] of MATRIX) {
  test(`caught in the store: ${name}`, async () => assertCaught(await tampered(sql), expected));
}

test('a deleted revocation makes the delegation read GRANTED again, and verify says so', async () => {
  const opened = await tampered((db) => db.prepare(`DELETE FROM events WHERE stream = '${DELEGATION}' AND revision = 1`).run());
  try {
    assert.is((await delegationsOn(opened.store).show('DEL-2026-0001')).status, 'GRANTED', 'the fold alone cannot tell');
  } finally {
    await opened.store.close();
  }
});

test('a checkpoint is not signed over a store changed behind its back; the export then carries the last one and shows where', async () => {
  const opened = await tampered((db) => db.prepare(`UPDATE events SET position = position + 1000 WHERE stream = 'qrb-A-1'`).run());
  try {
    const refused = await opened.audit.checkpoints.create().catch((error: unknown) => toProblem(error));
    assert.is('error' in refused && refused.error, 'checkpoint.store-diverged');
    assert.match('message' in refused ? refused.message : '', /qrb-A-1 revision 0 at position 1\d\d\d does not follow the head checkpoint #2 holds/);
    const offline = verifyExport(await opened.audit.export(['qrb-A-1'], 'jsonl'), 'jsonl', opened.audit.checkpoints.key.verifying());
    assert.equal(offline.ok ? 'ok' : [offline.stream, offline.brokenRevision], ['qrb-A-1', 4]);
    assert.match(offline.ok ? '' : offline.reason, /checkpoint #2 holds position \d+: global positions were renumbered/);
  } finally {
    await opened.store.close();
  }
});

test("rolled-back checkpoints: the store's own chain still holds, the auditor's copy catches it; a removed middle one breaks the chain", async () => {
  const { copy } = await filled;
  const rolledBack = await tampered((db) => db.prepare(`DELETE FROM events WHERE stream = '${CHECKPOINT_STREAM}' AND revision = 1`).run());
  try {
    assert.is((await rolledBack.audit.verifyAll()).checkpoint.sequence, 1, 'without a copy it stands on #1');
    const againstCopy = await rolledBack.audit.verifyAll(undefined, JSON.parse(JSON.stringify(copy)));
    assert.is(againstCopy.ok, false);
    assert.equal([againstCopy.checkpoint.source, againstCopy.checkpoint.sequence], ['given', 2]);
    assert.match(againstCopy.checkpoint.problem ?? '', /keeps checkpoints up to #1, your copy holds #2: checkpoints were removed or rolled back/);
    const one = await rolledBack.audit.verify('qrb-A-1', copy);
    assert.equal([one.ok, one.checkpoint.ok], [false, false]);
  } finally {
    await rolledBack.store.close();
  }
  const middle = await tampered((db) => db.prepare(`DELETE FROM events WHERE stream = '${CHECKPOINT_STREAM}' AND revision = 0`).run());
  try {
    const all = await middle.audit.verifyAll();
    assert.is(all.ok, false);
    assert.match(all.checkpoint.problem ?? '', /the checkpoint stream is broken at revision 0/);
  } finally {
    await middle.store.close();
  }
});

test('a checkpoint rewritten with its stream chain recomputed fails its signature', async () => {
  const opened = await tampered((db) => {
    const stream = CHECKPOINT_STREAM;
    let prevHash = '0'.repeat(64);
    for (const row of rows(db, stream)) {
      const data = JSON.parse(row.data) as { checkpoint: { body: { globalPosition: string } } };
      if (row.revision === 1) data.checkpoint.body.globalPosition = String(lastPosition(db) + 50);
      const { hash: _h, prevHash: _p, ...meta } = JSON.parse(row.meta) as RecordedEvent['meta'];
      const id = (db.prepare('SELECT id FROM events WHERE position = ?').get(row.position) as { id: string }).id;
      const hash = hashEvent(prevHash, { id, stream, revision: row.revision, type: row.type, schemaVersion: 1, data, meta: { ...meta, prevHash } });
      db.prepare('UPDATE events SET data = ?, meta = ? WHERE position = ?').run(
        JSON.stringify(data),
        JSON.stringify({ ...meta, prevHash, hash }),
        row.position,
      );
      prevHash = hash;
    }
  });
  try {
    const all = await opened.audit.verifyAll();
    assert.is(all.ok, false);
    assert.match(all.checkpoint.problem ?? '', /checkpoint #2: the signature does not match its body/);
  } finally {
    await opened.store.close();
  }
});

// Offline: the export of the untouched store, changed as text; the verifier holds only the public key.

const exported = (async () => {
  const opened = await tampered(() => undefined);
  try {
    return { text: await opened.audit.export([...CASES, DELEGATION], 'jsonl'), key: opened.audit.checkpoints.key.verifying().published };
  } finally {
    await opened.store.close();
  }
})();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- export lines are edited as plain JSON
type Line = Record<string, any>;
const edit = (text: string, change: (header: Line, events: Line[]) => Line[]): string => {
  const [header, ...events] = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
  const kept = change(header!, events);
  return [header, ...kept].map((line) => JSON.stringify(line) + '\n').join('');
};
/** The header's counts and last hashes made to fit the edited events: an attacker would. */
const refit = (header: Line, events: Line[]): Line[] => {
  for (const entry of header.export.streams as Line[]) {
    const own = events.filter((e) => e.stream === entry.stream);
    entry.events = own.length;
    entry.lastHash = own.at(-1)?.meta.hash ?? '';
  }
  header.export.streams = (header.export.streams as Line[]).filter((entry) => entry.events > 0);
  header.export.count = events.length;
  return events;
};
const rechainLines = (events: Line[], stream: string) => {
  let prevHash = '0'.repeat(64);
  for (const event of events.filter((e) => e.stream === stream)) {
    const { hash: _h, prevHash: _p, ...meta } = event.meta as RecordedEvent['meta'];
    const hash = hashEvent(prevHash, {
      id: event.id,
      stream,
      revision: event.revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      meta: { ...meta, prevHash },
    });
    event.meta = { ...meta, prevHash, hash };
    prevHash = hash;
  }
  return events;
};

const OFFLINE: [string, (header: Line, events: Line[]) => Line[], { stream?: string; revision?: number; reason: RegExp }][] = [
  [
    'a byte flipped',
    (_h, events) => events.map((e) => (e.stream === 'qrb-A-1' && e.revision === 2 ? { ...e, data: { ...e.data, note: 'step 9' } } : e)),
    { stream: 'qrb-A-1', revision: 2, reason: /no longer matches its hash/ },
  ],
  [
    'the tail cut, header refitted',
    (h, events) =>
      refit(
        h,
        events.filter((e) => !(e.stream === 'qrb-A-1' && e.revision === 4)),
      ),
    { stream: 'qrb-A-1', revision: 4, reason: /events were removed/ },
  ],
  [
    'the last two cut, header refitted',
    (h, events) =>
      refit(
        h,
        events.filter((e) => !(e.stream === DELEGATION && e.revision >= 0)),
      ),
    { stream: DELEGATION, reason: /proves delegation-DEL-2026-0001 through revision 1, the export holds none of it/ },
  ],
  [
    'an event cut from the middle',
    (h, events) =>
      refit(
        h,
        events.filter((e) => !(e.stream === 'probation-EX-2' && e.revision === 1)),
      ),
    { stream: 'probation-EX-2', revision: 1, reason: /found revision 2 where revision 1 belongs/ },
  ],
  [
    'two events swapped',
    (_h, events) => {
      const i = events.findIndex((e) => e.stream === 'rotation-ROT-3' && e.revision === 1);
      [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
      return events;
    },
    { stream: 'rotation-ROT-3', revision: 1, reason: /found revision 2 where revision 1 belongs/ },
  ],
  [
    'a stream rewritten with its chain recomputed',
    (h, events) =>
      refit(
        h,
        rechainLines(
          events.map((e) => (e.stream === 'rotation-ROT-3' && e.revision === 0 ? { ...e, data: { ...e.data, note: 'rewritten' } } : e)),
          'rotation-ROT-3',
        ),
      ),
    { stream: 'rotation-ROT-3', revision: 2, reason: /the stream was rewritten/ },
  ],
  [
    'a position renumbered',
    (_h, events) => events.map((e) => (e.stream === 'rotation-ROT-3' && e.revision === 2 ? { ...e, position: '999' } : e)),
    { stream: 'rotation-ROT-3', revision: 2, reason: /global positions were renumbered/ },
  ],
  [
    "the checkpoint's signature forged",
    (h, events) => {
      h.export.checkpoint.body.globalPosition = '999999';
      return events;
    },
    { reason: /the signature does not match its body/ },
  ],
  [
    'a proof that does not lead to the root',
    (h, events) => {
      const proof = (h.export.proofs as Line[]).find((p) => p.head.stream === 'qrb-A-1')!;
      proof.head.revision = 3;
      return events;
    },
    { stream: 'qrb-A-1', reason: /the inclusion proof of qrb-A-1 does not lead to checkpoint #3's root/ },
  ],
];

for (const [name, change, expected] of OFFLINE) {
  test(`caught offline with only the public key: ${name}`, async () => {
    const { text, key } = await exported;
    const result: ExportVerification = verifyExport(edit(text, change), 'jsonl', verifierFromPublished(key));
    assert.is(result.ok, false, `${name} passed`);
    if (result.ok) return;
    if (expected.stream) assert.is(result.stream, expected.stream);
    if (expected.revision !== undefined) assert.is(result.brokenRevision, expected.revision, result.reason);
    assert.match(result.reason, expected.reason);
  });
}

test('offline: another key refuses the checkpoint; no key or an export without a checkpoint says the anchoring was not checked', async () => {
  const { text, key } = await exported;
  const stranger = new CheckpointKey(join(dir, 'stranger.pem')).signing();
  const other = verifyExport(text, 'jsonl', stranger);
  assert.match(other.ok ? '' : other.reason, /is signed by key ed25519:\w+, not the checkpoint key/);
  assert.is((verifyExport(text, 'jsonl') as Extract<ExportVerification, { ok: true }>).anchoring, 'no-public-key');
  const old = edit(text, (header, events) => {
    delete header.export.checkpoint;
    delete header.export.proofs;
    return events;
  });
  const result = verifyExport(old, 'jsonl', verifierFromPublished(key));
  assert.ok(result.ok);
  assert.is(result.ok && result.anchoring, 'absent');
});

test('a process holding only the public key signs nothing; its export carries the latest kept checkpoint', async () => {
  const opened = await tampered(() => undefined);
  try {
    const published = opened.audit.checkpoints.key.verifying().published;
    const verifierOnly = new Audit(opened.store, new Checkpoints(opened.store, new CheckpointKey(join(dir, 'keys', 'none.pem'), published)));
    const result = verifyExport(await verifierOnly.export(CASES, 'jsonl'), 'jsonl', verifierFromPublished(published));
    assert.equal(result.ok && [result.anchoring, result.checkpoint?.sequence], ['verified', 2]);
  } finally {
    await opened.store.close();
  }
});

test('the signing key file is made 0600, and refused once group or others may read it', async () => {
  const path = join(dir, 'keys', 'fresh.pem');
  const key = new CheckpointKey(path).signing();
  assert.match(key.keyId, /^ed25519:[0-9a-f]{16}$/);
  chmodSync(path, 0o640);
  const refused = (() => {
    try {
      new CheckpointKey(path).signing();
      return undefined;
    } catch (error) {
      return toProblem(error);
    }
  })();
  assert.is(refused?.status, 503);
  assert.match(refused?.message ?? '', /may be read by group or other users \(mode 0640\): run chmod 600/);
  chmodSync(path, 0o600);
  const problemOf = (sign: () => unknown) => {
    try {
      sign();
      return undefined;
    } catch (error) {
      return toProblem(error).message;
    }
  };
  const other = new CheckpointKey(join(dir, 'keys', 'other.pem')).signing().published;
  assert.match(
    problemOf(() => new CheckpointKey(path, other).signing()) ?? '',
    /is not the key CHECKPOINT_PUBLIC_KEY names/,
    'never signs with a key the public key does not name',
  );
  const verifierOnly = join(dir, 'keys', 'absent.pem');
  assert.match(problemOf(() => new CheckpointKey(verifierOnly, other).signing()) ?? '', /this process only verifies checkpoints/);
  assert.not.ok(existsSync(verifierOnly), 'no stray key made where only the public key is configured');
});

test('over HTTP, a row whose JSON no longer parses: verify answers 200 naming the revision, never 500; no checkpoint is signed over it', async () => {
  // Revision 4 came after checkpoint #2: the next checkpoint would have to read it.
  const opened = await tampered((db) => db.prepare("UPDATE events SET data = '{\"n\": 4, broken' WHERE stream = 'probation-EX-2' AND revision = 4").run());
  const dataDir = mkdtempSync(join(dir, 'api-'));
  copyFileSync(keyPath, join(dataDir, 'checkpoint-signing-key.pem'));
  chmodSync(join(dataDir, 'checkpoint-signing-key.pem'), 0o600);
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_USERS_FILE: join(__dirname, '..', 'config', 'users.json'), CHECKPOINT_INTERVAL_SECONDS: '0' });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second', interceptors: briefGrpcRetries() }) });
  const operations = await openOperations(config, client, opened.store, { follow: false });
  const authenticator = await Authenticator.fromConfig(config);
  const idempotency = IdempotencyKeys.open(idempotencyKeysPath(config));
  const server = createApiServer({ operations: operations.operations, authenticator, idempotency });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${(await authenticator.mint('aud-frank')).token}`, 'x-purpose': 'tamper test' };
    const response = await fetch(`${base}/audit/streams/probation-EX-2/verify`, { headers });
    const body = (await response.json()) as { ok: boolean; brokenRevision: number; reason: string; checkpoint: { sequence: number } };
    assert.is(response.status, 200, JSON.stringify(body));
    assert.equal([body.ok, body.brokenRevision, body.checkpoint.sequence], [false, 4, 2]);
    assert.match(body.reason, /does not fit the event schema/);
    const all = await fetch(`${base}/audit/verify`, { headers });
    assert.is(all.status, 200);
    const refused = await fetch(`${base}/audit/checkpoints`, { method: 'POST', headers });
    const problem = (await refused.json()) as { error?: string; detail?: string; message?: string };
    assert.is(refused.status, 409, JSON.stringify(problem));
    assert.match(JSON.stringify(problem), /corrupt event in stream \\"probation-EX-2\\" at revision 4/);
    const listed = (await (await fetch(`${base}/audit/checkpoints`, { headers })).json()) as { items: { body: { sequence: number } }[]; publicKey: string };
    assert.equal(
      listed.items.map((c) => c.body.sequence),
      [1, 2],
    );
    assert.is(listed.publicKey, opened.audit.checkpoints.key.verifying().published);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    idempotency.close();
    await operations.close();
    await opened.store.close();
  }
});

test('the API signs a checkpoint every CHECKPOINT_INTERVAL_SECONDS while the store moves, and stops on close', async () => {
  const opened = await tampered(() => undefined);
  const dataDir = mkdtempSync(join(dir, 'timer-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    AUTH_USERS_FILE: join(__dirname, '..', 'config', 'users.json'),
    CHECKPOINT_SIGNING_KEY_FILE: keyPath,
    CHECKPOINT_INTERVAL_SECONDS: '1',
  });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second', interceptors: briefGrpcRetries() }) });
  const api = await openOperations(config, client, opened.store, { follow: true });
  const sequence = async () => {
    const stored = await opened.audit.checkpoints.stored();
    return stored.ok ? stored.kept.length : -1;
  };
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    assert.is(await sequence(), 3, 'the append after #2 is signed for');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.is(await sequence(), 3, 'nothing moved: nothing signed');
    await api.close();
    await opened.store.append('rotation-ROT-3', 2, [proposed('StepTaken', { n: 3 })]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.is(await sequence(), 3, 'stopped on close');
  } finally {
    await opened.store.close();
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
