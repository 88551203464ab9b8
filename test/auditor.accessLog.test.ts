import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccessLog } from '../client/auditor/accessLog';
import { toProblem } from '../client/problem';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { proposed } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

/** The accounting of disclosures in its own SQLite file, next to a real event store. */
const withLog = (body: (log: AccessLog, store: SqliteEventStore, dir: string) => Promise<void>) =>
  withTempStore(async (store, { dir }) => {
    const log = AccessLog.open(join(dir, 'access-log.db'));
    try {
      await body(log, store, dir);
    } finally {
      log.close();
    }
  });

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
    const first = log.record(statusRead);
    const second = log.record(export2);
    assert.equal(first, { ...statusRead, at: '2026-03-02T14:05:00.000Z', id: first.id });
    assert.is(second.at, '2026-03-03T14:00:00.000Z', 'stored in UTC');
    assert.equal(second.streams, ['probation-EX-1', 'qrb-Q-1']);
    assert.equal(log.forStream('qrb-Q-1').map((entry) => entry.action), ['qrb.status', 'audit.export']);
    assert.equal(log.forStream('probation-EX-1').map((entry) => [entry.personId, entry.purpose]), [['aud-kim', 'annual OPM audit of QRB certifications']]);
    assert.equal(log.forStream('rotation-R-9'), []);
  });
});

test('lists by person and by a half-open time range, across offsets', async () => {
  await withLog(async (log) => {
    log.record(statusRead);
    log.record(export2);
    log.record({ ...statusRead, at: '2026-03-04T08:00:00Z', purpose: 'follow-up call' });
    assert.equal(log.list({ personId: 'hr-ana' }).map((entry) => entry.purpose), ['answering the candidate on the case status', 'follow-up call']);
    assert.equal(log.list({ from: '2026-03-03T09:00:00-05:00', to: '2026-03-04T08:00:00Z' }).map((entry) => entry.personId), ['aud-kim']);
    assert.is(log.list().length, 3);
  });
});

test('an access without who, what or why is refused naming the field, and nothing is recorded', async () => {
  await withLog(async (log) => {
    let problem;
    try {
      log.record({ ...statusRead, purpose: ' ', streams: [] });
    } catch (error) {
      problem = toProblem(error);
    }
    assert.is(problem?.status, 400);
    assert.equal(problem?.issues?.map((issue) => issue.field).sort(), ['purpose', 'streams']);
    assert.equal(log.list(), []);
  });
});

test('logging never touches the event store: the streams and their events are unchanged', async () => {
  await withLog(async (log, store) => {
    await store.append('qrb-Q-1', 'no_stream', [proposed('QrbCaseSubmitted', { caseId: 'Q-1' })]);
    const before = { streams: await store.listStreams(), events: await store.readAll() };
    log.record(statusRead);
    log.record(export2);
    assert.equal({ streams: await store.listStreams(), events: await store.readAll() }, before);
    assert.is(log.forStream('qrb-Q-1').length, 2);
  });
});

test('the log survives closing and reopening its file', async () => {
  await withLog(async (log, _store, dir) => {
    log.record(statusRead);
    const again = AccessLog.open(join(dir, 'access-log.db'));
    try {
      assert.equal(again.forStream('qrb-Q-1').map((entry) => entry.action), ['qrb.status']);
    } finally {
      again.close();
    }
  });
});

test.run();
