import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { Audit } from '../client/audit';
import { AccessLog } from '../client/auditor/accessLog';
import { CheckpointKey } from '../client/auditor/checkpointKey';
import { Checkpoints } from '../client/auditor/checkpoints';
import { verifyExport } from '../client/auditor/verifyExport';
import { ReadModel } from '../client/readModel/readModel';
import { replayDelegation } from '../domain/delegation';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { eventCatalog, payloadVersions } from '../domain/eventSchemas';
import { replay } from '../domain/processDefinition';
import { PROCESSES, processNamed } from '../domain/processes';
import { parseQrbEvent, qrbEvents, type QrbState } from '../domain/qrb';
import type { SqliteEventStore } from '../eventstore/sqliteEventStore';
import {
  CATALOGS,
  fingerprints,
  lockDifferences,
  readFixtures,
  readLock,
  withNewVersions,
  writeLock,
  type AnyCatalog,
  type SchemaLock,
} from './support/eventSchemaLock';
import { withTempStore } from './support/tempStore';

/**
 * Event schema evolution: every version of every event type is locked (a payload change
 * without a new version fails here, naming the type) and has a fixture, stored events of
 * every version fold, replay, verify and export from a real SQLite store.
 *
 * When you add a version: UPDATE_EVENT_LOCK=1 npx tsx scripts/run-tests.ts eventVersions
 * adds it to test/fixtures/events/schema-lock.json (it never rewrites a locked one).
 */
const FIXTURES = readFixtures();
const catalogNamed = (name: string): AnyCatalog => {
  const catalog = CATALOGS.find((c) => c.name === name);
  if (!catalog) throw new Error(`test/fixtures/events/${name}/ belongs to no catalog (${CATALOGS.map((c) => c.name).join(', ')})`);
  return catalog;
};
const key = (e: { catalog: string; type: string; version: string | number }) => `${e.catalog} ${e.type} version ${e.version}`;

test('every process of the registry has its event catalog, and stamps the catalog’s version of each type on a new event', () => {
  for (const definition of PROCESSES) {
    const catalog = catalogNamed(definition.name);
    for (const type of Object.keys(catalog.schemas)) {
      assert.is((definition.eventVersion as (type: string) => number)(type), catalog.eventVersion(type), `${definition.name} ${type}`);
    }
  }
});

test('the schema lock holds every version of every event type as it is in the code', () => {
  const current = fingerprints(CATALOGS);
  let locked = readLock();
  if (process.env.UPDATE_EVENT_LOCK === '1') {
    locked = withNewVersions(current, locked);
    writeLock(locked);
  }
  const { changed, unlocked, dropped } = lockDifferences(current, locked);
  const problems = [
    ...changed.map(
      (e) =>
        `${key(e)}: its payload schema changed without a new version. Put version ${e.version} back as it was stored and add the next version with ` +
        'an upcaster (domain/eventSchemas.ts, README "Changing an event’s payload")',
    ),
    ...unlocked.map((e) => `${key(e)} is not in the lock yet: UPDATE_EVENT_LOCK=1 npx tsx scripts/run-tests.ts eventVersions adds it`),
    ...dropped.map((e) => `${key(e)} is locked but this build no longer reads it: events stored under it would no longer fold`),
  ];
  assert.equal(problems, []);
});

test('the lock catches a payload changed in place, a version dropped and a version not locked yet, by type and version', () => {
  const Noted = z.object({ note: z.string(), by: z.string() });
  const Closed = z.object({ reason: z.string() });
  const locked = fingerprints([eventCatalog('test', { Noted, Closed })]);
  const reordered = z.object({ by: z.string(), note: z.string() });
  assert.equal(fingerprints([eventCatalog('test', { Noted: reordered, Closed })]), locked, 'the order fields are written in is not part of the shape');
  const withDate = Noted.extend({ on: z.iso.date() });
  const inPlace = fingerprints([eventCatalog('test', { Noted: withDate, Closed })]);
  assert.equal(lockDifferences(inPlace, locked).changed.map(key), ['test Noted version 1'], 'a field added without a new version');
  const optional = fingerprints([eventCatalog('test', { Noted: Noted.extend({ by: z.string().optional() }), Closed })]);
  assert.equal(lockDifferences(optional, locked).changed.map(key), ['test Noted version 1'], 'a field made optional');
  const bumped = fingerprints([eventCatalog('test', { Noted: payloadVersions(Noted).next(withDate, (v1) => ({ ...v1, on: '2026-01-01' })), Closed })]);
  const afterBump = lockDifferences(bumped, locked);
  assert.equal([afterBump.changed.map(key), afterBump.unlocked.map(key)], [[], ['test Noted version 2']], 'the same change as version 2');
  assert.equal(withNewVersions(bumped, locked), bumped, 'the knob adds version 2');
  const tampered: SchemaLock = { test: { ...locked.test!, Noted: { '1': 'f'.repeat(64) } } };
  assert.equal(withNewVersions(bumped, tampered).test!.Noted!['1'], 'f'.repeat(64), 'the knob never overwrites a locked fingerprint');
  const withoutClosed = fingerprints([eventCatalog('test', { Noted })]);
  assert.equal(lockDifferences(withoutClosed, locked).dropped.map(key), ['test Closed version 1']);
});

test('every version of every event type has a fixture: a stored event of that type and version under test/fixtures/events/<catalog>/', () => {
  const held = new Set(FIXTURES.flatMap((f) => f.events.map((e) => key({ catalog: f.catalog, type: e.type, version: e.schemaVersion }))));
  const missing = CATALOGS.flatMap((catalog) => catalog.versions.map((v) => key({ catalog: catalog.name, ...v })).filter((k) => !held.has(k)));
  assert.equal(missing, []);
  assert.equal([...new Set(FIXTURES.map((f) => f.catalog))].sort(), CATALOGS.map((c) => c.name).sort(), 'a fixture folder per catalog');
});

test('every fixture event reads at its version and comes out in the current shape of its type', () => {
  for (const fixture of FIXTURES) {
    const catalog = catalogNamed(fixture.catalog);
    fixture.events.forEach((stored, i) => {
      const where = `${fixture.file} event ${i} (${stored.type} version ${stored.schemaVersion})`;
      const { data } = catalog.parse({ ...stored, occurredAt: stored.meta.occurredAt });
      assert.equal(catalog.schemas[stored.type]!.parse(data), data, where);
    });
  }
});

test('QRB: the payloads stored before the submission window rule read with a null closing date and no resubmission; later ones keep theirs', () => {
  const events = (file: string) => FIXTURES.find((f) => f.file === `qrb/${file}`)!.events.map((e) => parseQrbEvent({ ...e, occurredAt: e.meta.occurredAt }));
  const closingDate = (file: string) => events(file).flatMap((e) => (e.type === 'QrbCaseSubmitted' ? [e.data.submission.position.announcementClosedOn] : []));
  const resubmitBy = (file: string) => events(file).flatMap((e) => (e.type === 'QrbCaseDisapproved' ? [e.data.resubmitBy] : []));
  assert.equal(closingDate('approved-before-closing-date.json'), [null]);
  assert.equal(closingDate('disapproved-before-resubmission.json'), [null]);
  assert.equal(resubmitBy('disapproved-before-resubmission.json'), [null], 'a disapproval was final then');
  assert.equal(closingDate('approved-with-closing-date-v1.json'), ['2026-11-13'], 'version 1 with the date keeps it');
  assert.equal(resubmitBy('resubmitted-and-closed-v1.json'), ['2026-05-05', null], 'version 1 with resubmitBy keeps it');
  assert.equal(closingDate('resubmission-window-expired.json'), ['2026-05-15'], 'version 2');
  assert.equal(resubmitBy('resubmission-window-expired.json'), ['2026-08-04'], 'version 2');
});

test('reading an event this build cannot read names its type and version', () => {
  const submitted = FIXTURES.find((f) => f.file === 'qrb/withdrawn.json')!.events[0]!;
  const read =
    (type: string, schemaVersion: number, data: unknown = submitted.data) =>
    () =>
      parseQrbEvent({ type, schemaVersion, data, occurredAt: '2026-07-01T14:00:00Z' });
  const current = qrbEvents.eventVersion('QrbCaseSubmitted');
  assert.throws(read('QrbCaseRenamed', 1), /unknown qrb event type "QrbCaseRenamed" \(schema version 1\)/);
  assert.throws(
    read('QrbCaseSubmitted', current + 1),
    new RegExp(`QrbCaseSubmitted schema version ${current + 1} is newer than this build knows \\(qrb QrbCaseSubmitted is at version ${current}\\)`),
  );
  assert.throws(read('QrbCaseSubmitted', 0), /QrbCaseSubmitted has no schema version 0/);
  const dateless = {
    ...(submitted.data as { submission: object }),
    submission: { ...(submitted.data as { submission: { position: object } }).submission, position: { title: 'Chief Financial Officer', agency: 'DOE' } },
  };
  assert.throws(
    read('QrbCaseSubmitted', 2, dateless),
    (error: unknown) => error instanceof z.ZodError && error.issues[0]!.path.join('.') === 'submission.position.announcementClosedOn',
    'version 2 requires the field version 1 lacked',
  );
  const broken = eventCatalog('test', {
    Noted: payloadVersions(z.object({ note: z.string() })).next(z.object({ note: z.string(), by: z.string() }), (v1) => v1 as never),
  });
  assert.throws(
    () => broken.parse({ type: 'Noted', schemaVersion: 1, data: { note: 'x' }, occurredAt: '' }),
    /Noted upcast from version 1 to 2 does not fit version 2: .*by/s,
  );
});

/** Appends every fixture stream to one real SQLite store and reads them back as an auditor does. */
const withFixtureStore = (body: (audit: Audit, stored: Map<string, RecordedEvent[]>, store: SqliteEventStore, dir: string) => Promise<void>) =>
  withTempStore(async (store, place) => {
    const stored = new Map<string, RecordedEvent[]>();
    for (const fixture of FIXTURES) {
      await store.append(fixture.stream, 'no_stream', fixture.events);
      stored.set(fixture.stream, await store.readStream(fixture.stream));
    }
    await body(new Audit(store, new Checkpoints(store, new CheckpointKey(join(place.dir, 'checkpoint-signing-key.pem')))), stored, store, place.dir);
  });

const processFixtures = () => FIXTURES.filter((f) => processNamed(f.catalog) !== undefined);

test('stored events of every version fold through each process’s evolve, and the auditor’s replay and the domain replay agree', async () => {
  await withFixtureStore(async (audit, stored) => {
    for (const fixture of processFixtures()) {
      const definition = processNamed(fixture.catalog)!;
      const events = stored.get(fixture.stream)!;
      const folded = events.reduce(
        (state, e) => definition.evolve(state, definition.parseEvent({ ...e, occurredAt: e.meta.occurredAt })),
        definition.initialState as unknown,
      );
      assert.equal(replay(definition, events), folded, fixture.file);
      const replayed = await audit.replay(fixture.stream);
      assert.equal([replayed.eventsApplied, replayed.state], [events.length, folded], fixture.file);
      assert.is.not((folded as { status: string }).status, (definition.initialState as { status: string }).status, `${fixture.file} moved its case`);
    }
    const oldApproved = (await audit.replay('qrb-QRB-WF-APPROVED-R1')).state as QrbState;
    assert.equal([oldApproved.status, oldApproved.submission!.position.announcementClosedOn], ['APPROVED', null]);
    const oldDisapproved = (await audit.replay('qrb-QRB-2026-0011')).state as QrbState;
    assert.equal([oldDisapproved.status, oldDisapproved.resubmitBy], ['DISAPPROVED', null]);
  });
});

test('what-if re-runs a QRB case stored before the closing date was asked for: the day of submission stands in for it, and nothing is refused', async () => {
  await withFixtureStore(async (audit) => {
    const rerun = await audit.whatIf('qrb-QRB-2026-0011', 'ses-2025-10-01');
    assert.equal(rerun.refusedInputs, []);
    const differs = (path: string) => rerun.differences.find((d) => d.path === path);
    assert.equal(differs('submission.position.announcementClosedOn'), {
      path: 'submission.position.announcementClosedOn',
      recorded: null,
      whatIf: '2026-03-02',
    });
    assert.equal(differs('resubmitBy'), { path: 'resubmitBy', recorded: null, whatIf: '2026-05-10' }, 'today a disapproval leaves 60 days to resubmit');
  });
});

test('stored delegations replay and the stored access log reads, at every version', async () => {
  await withFixtureStore(async (_audit, stored, store) => {
    const delegation = replayDelegation(stored.get('delegation-DEL-2026-0004')!);
    assert.equal([delegation.status, delegation.grant?.to, delegation.revocation?.reason], ['REVOKED', 'aa-patel', 'Ms. Wong is back from leave.']);
    const disclosures = FIXTURES.filter((f) => f.catalog === 'access-log').flatMap((f) => f.events);
    const read = await new AccessLog(store).forStream('probation-EX-1042-1');
    assert.equal(
      read.items.map((entry) => entry.action),
      disclosures.filter((e) => (e.data.streams as string[]).includes('probation-EX-1042-1')).map((e) => e.data.action),
    );
  });
});

test('the stored fixtures verify (hash chains), and export as JSON Lines and CSV that verify offline and read back to the same events', async () => {
  await withFixtureStore(async (audit, stored) => {
    const total = FIXTURES.reduce((n, f) => n + f.events.length, 0);
    const verified = await audit.verifyAll();
    assert.equal([verified.ok, verified.totals.eventsVerified, verified.totals.streams], [true, total, FIXTURES.length]);
    const streams = FIXTURES.map((f) => f.stream);
    for (const format of ['jsonl', 'csv'] as const) {
      const text = await audit.export(streams, format);
      const result = verifyExport(text, format);
      assert.ok(result.ok, JSON.stringify(result));
      assert.is(result.ok && result.events, total, format);
    }
    const lines = (await audit.export(streams, 'jsonl'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as RecordedEvent);
    assert.equal(
      lines,
      [...stored.values()].flat().sort((a, b) => streams.indexOf(a.stream) - streams.indexOf(b.stream) || a.revision - b.revision),
    );
    // What an auditor holding only the export rebuilds: the same cases.
    for (const fixture of processFixtures()) {
      const definition = processNamed(fixture.catalog)!;
      const exported = lines.filter((e) => e.stream === fixture.stream);
      assert.equal(replay(definition, exported), (await audit.replay(fixture.stream)).state, fixture.file);
    }
  });
});

test('the read model catches up over stored events of every version', async () => {
  await withFixtureStore(async (audit, _stored, store, dir) => {
    const model = ReadModel.open(join(dir, 'read-model.db'));
    await model.catchUp(store);
    const listed = new Map(model.listCases().map((c) => [c.stream, c.status]));
    for (const fixture of processFixtures()) {
      assert.is(listed.get(fixture.stream), ((await audit.replay(fixture.stream)).state as { status: string }).status, fixture.file);
    }
    await model.close();
  });
});

test.run();
