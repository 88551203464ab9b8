import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ZodError } from 'zod';
import { ReadModel } from '../client/readModel/readModel';
import { onboardingDefinition } from '../domain/onboarding';
import { probationDefinition } from '../domain/probation';
import { qrbEventVersion, type QrbCommand, qrbDefinition } from '../domain/qrb';
import { reassignmentDefinition } from '../domain/reassignment';
import { rotationDefinition } from '../domain/rotation';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { appendDrivenCase } from './support/appendDrivenCase';
import { appendAppraisal, appraisalStart } from './support/appraisalViewCases';
import {
  AA,
  HR,
  HR_BO,
  ONBOARDING_1,
  PROBATION_1,
  PROBATION_1_ASSESSED,
  PROBATION_2,
  QRB_A,
  QRB_A_DECIDED,
  QRB_B,
  QRB_C,
  SUP,
  at,
  rotationStart,
} from './support/caseCommands';
import { REASSIGNMENT_START } from './support/processFixtures';

// The small known data set (QRB A to C, two probations, an onboarding) is in support/caseCommands.

const qrb = (store: SqliteEventStore, caseId: string, commands: QrbCommand[]) => appendDrivenCase(store, qrbDefinition, `qrb-${caseId}`, commands);
const probation = (store: SqliteEventStore, caseId: string, commands: typeof PROBATION_1) =>
  appendDrivenCase(store, probationDefinition, `probation-${caseId}`, commands);

/** A store in a temp folder with every case of the data set as it stood before QRB A's decision. */
const seededStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-readmodel-'));
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  await qrb(store, 'QRB-2026-0001', QRB_A);
  await qrb(store, 'QRB-2026-0002', QRB_B);
  await qrb(store, 'QRB-2026-0003', QRB_C);
  await probation(store, 'EX-1042-1', PROBATION_1);
  await probation(store, 'EX-2001-1', PROBATION_2);
  await appendDrivenCase(store, onboardingDefinition, 'onboarding-EX-1042-1', ONBOARDING_1);
  // A stream of no process (delegations are another engineer's): passed over.
  await store.append('delegation-DEL-1', 'no_stream', [
    {
      type: 'DelegationGranted',
      schemaVersion: 1,
      data: {},
      meta: {
        actor: AA,
        occurredAt: at('2026-05-20'),
        workflowId: 'delegation-DEL-1',
        runId: 'r',
        correlationId: 'c',
        causationId: 'c',
        policyVersion: 'ses-2025-10-01',
      },
    },
  ]);
  await appendDrivenCase(store, rotationDefinition, 'rotation-ROT-2026-0007', [rotationStart()]);
  return { dir, store };
};

/** The data set, caught up into a read model beside the store; `close` closes both. */
const seededModel = async () => {
  const { dir, store } = await seededStore();
  const model = ReadModel.open(join(dir, 'read-model.db'));
  await model.catchUp(store);
  const close = async () => {
    await model.close();
    await store.close();
  };
  return { model, close };
};

const lastPosition = async (store: SqliteEventStore) => (await store.readAll()).at(-1)!.position;
const eventCount = async (store: SqliteEventStore) => (await store.readAll()).length;

const eventually = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const streamsOf = (rows: { stream: string }[]) => rows.map((r) => r.stream);

test('catch-up folds every case, passes over streams of no process, and stores the checkpoint', async () => {
  const { dir, store } = await seededStore();
  const model = ReadModel.open(join(dir, 'read-model.db'));
  assert.is(model.checkpoint(), null);
  const progress: number[] = [];
  const result = await model.catchUp(store, { onProgress: (p) => progress.push(p.applied + p.ignored) });
  assert.equal(result, { applied: (await eventCount(store)) - 1, ignored: 1 });
  assert.is(progress.at(-1), await eventCount(store));
  assert.is(model.checkpoint(), await lastPosition(store));
  assert.equal(
    model.listCases().map((c) => [c.stream, c.status, c.agency, c.startedBy, c.terminal]),
    [
      ['onboarding-EX-1042-1', 'IN_PROGRESS', 'DOE', HR.id, false],
      ['probation-EX-1042-1', 'ON_PROBATION', 'DOE', HR.id, false],
      ['qrb-QRB-2026-0001', 'BOARD_CONVENED', 'DOE', HR.id, false],
      ['probation-EX-2001-1', 'ON_PROBATION', 'DOT', HR_BO.id, false],
      ['qrb-QRB-2026-0002', 'DISAPPROVED', 'DOE', HR.id, false],
      ['qrb-QRB-2026-0003', 'APPROVED', 'DOI', HR_BO.id, false],
      ['rotation-ROT-2026-0007', 'COHORT_CALLED', 'DOE', HR.id, false],
    ],
  );
  await model.close();
  await store.close();
});

test("inbox: a member's owed vote with its due date, overdue the day after; gone once the member voted", async () => {
  const { dir, store } = await seededStore();
  const path = join(dir, 'read-model.db');
  let model = ReadModel.open(path);
  await model.catchUp(store);
  const chen = (asOf: string) => model.inbox({ personId: 'm-chen', roles: ['qrb-member'], asOf });
  // Overdue from the agency's next day: DOE counts Washington's, where 12 March ends at 04:00Z (daylight time).
  assert.equal(chen('2026-03-13T03:59:00Z'), [
    {
      stream: 'qrb-QRB-2026-0001',
      seq: 0,
      process: 'qrb',
      caseId: 'QRB-2026-0001',
      action: 'CastQrbVote',
      assigneeId: 'm-chen',
      assigneeRole: 'qrb-member',
      dueOn: '2026-03-12',
      overdue: false,
      note: 'rate every ECQ of ecq-2025, round 1',
    },
  ]);
  assert.is(chen('2026-03-13T04:00:00Z')[0]!.overdue, true);
  assert.equal(model.inbox({ personId: 'm-x', roles: ['qrb-member'], asOf: '2026-03-13T00:00:00Z' }), [], "a named vote is in nobody else's inbox");

  // Restart: the catch-up resumes from the stored checkpoint and applies only the new events.
  await model.close();
  const before = await eventCount(store);
  const { appended } = await qrb(store, 'QRB-2026-0001', QRB_A_DECIDED);
  assert.is(appended, 4, 'the reminders of 03-12 and 03-19, the vote and the approval');
  assert.is((await eventCount(store)) - before, 4);
  model = ReadModel.open(path);
  assert.equal(await model.catchUp(store), { applied: 4, ignored: 0 });
  assert.equal(chen('2026-03-21T00:00:00Z'), []);
  assert.is(model.listCases({ process: 'qrb', status: 'APPROVED' }).length, 2);
  await model.close();
  await store.close();
});

test('inbox: decisions open to a role reach every holder, sorted by due date with undated ones last; a named one only its person', async () => {
  const { model, close } = await seededModel();
  const hr = model.inbox({ personId: 'hr-zed', roles: ['hr-specialist'], asOf: '2026-06-06T09:00:00Z' });
  assert.equal(
    hr.map((r) => [r.stream, r.action, r.dueOn, r.overdue]),
    [
      ['qrb-QRB-2026-0002', 'ResubmitQrbCase', '2026-06-05', true],
      ['qrb-QRB-2026-0003', 'RecordQrbAppointment', null, false],
    ],
  );
  const ortiz = model.inbox({ personId: SUP.id, roles: ['supervisor'], asOf: '2026-02-20T00:00:00Z' });
  assert.equal(
    ortiz.slice(0, 2).map((r) => [r.stream, r.action, r.dueOn, r.overdue]),
    [
      ['onboarding-EX-1042-1', 'ConfirmMilestone', '2026-02-11', true],
      ['onboarding-EX-1042-1', 'ConfirmMilestone', '2026-04-12', false],
    ],
  );
  assert.ok(ortiz.some((r) => r.stream === 'probation-EX-2001-1' && r.action === 'SubmitAssessment' && r.dueOn === '2027-03-01'));
  assert.equal(model.inbox({ personId: 'sup-lee', roles: ['supervisor'], asOf: '2026-02-20T00:00:00Z' }), [], "another supervisor sees none of sup-ortiz's");
  assert.equal(
    model.inbox({ personId: 'emp-okafor', roles: ['employee'], asOf: '2026-11-24T00:00:00Z' }).map((r) => [r.action, r.dueOn, r.overdue]),
    [['SubmitStatementOfInterest', null, false]],
  );
  assert.throws(
    () => model.inbox({ personId: SUP.id, roles: ['chief'] as never, asOf: 'yesterday' }),
    (e: unknown) => e instanceof ZodError && /roles|asOf/.test(e.message),
  );
  await close();
});

test('started by: each HR specialist sees the cases they started, with status, oldest first', async () => {
  const { model, close } = await seededModel();
  assert.equal(streamsOf(model.startedBy(HR.id)), [
    'onboarding-EX-1042-1',
    'probation-EX-1042-1',
    'qrb-QRB-2026-0001',
    'qrb-QRB-2026-0002',
    'rotation-ROT-2026-0007',
  ]);
  assert.equal(
    model.startedBy(HR_BO.id).map((c) => [c.stream, c.status, c.startedAt]),
    [
      ['probation-EX-2001-1', 'ON_PROBATION', '2026-03-02T15:00:00.000Z'],
      ['qrb-QRB-2026-0003', 'APPROVED', '2026-05-04T14:00:00.000Z'],
    ],
  );
  await close();
});

test('list filters: process, agency, status and the started-on range, combined; a bad filter names its field', async () => {
  const { model, close } = await seededModel();
  assert.equal(streamsOf(model.listCases({ process: 'qrb' })), ['qrb-QRB-2026-0001', 'qrb-QRB-2026-0002', 'qrb-QRB-2026-0003']);
  assert.equal(streamsOf(model.listCases({ agency: 'DOT' })), ['probation-EX-2001-1']);
  assert.equal(streamsOf(model.listCases({ status: 'DISAPPROVED' })), ['qrb-QRB-2026-0002']);
  assert.equal(streamsOf(model.listCases({ from: '2026-03-02', to: '2026-04-01' })), ['qrb-QRB-2026-0001', 'probation-EX-2001-1', 'qrb-QRB-2026-0002']);
  assert.equal(streamsOf(model.listCases({ process: 'qrb', agency: 'DOE', from: '2026-03-03' })), ['qrb-QRB-2026-0002']);
  assert.throws(
    () => model.listCases({ from: '2026-05-01', to: '2026-04-01' }),
    (e: unknown) => e instanceof ZodError && e.issues[0]!.path.join('.') === 'to',
  );
  assert.throws(
    () => model.listCases({ process: 'payroll' }),
    (e: unknown) => e instanceof ZodError && e.issues[0]!.path.join('.') === 'process',
  );
  await close();
});

test('reports: time to QRB decision, approval rates per ECQ, overdue onboarding milestones, probations near their end', async () => {
  const { dir, store } = await seededStore();
  await qrb(store, 'QRB-2026-0001', QRB_A_DECIDED);
  const model = ReadModel.open(join(dir, 'read-model.db'));
  await model.catchUp(store);

  const times = model.timeToQrbDecision();
  assert.equal(
    times.rounds.map((r) => [r.caseId, r.round, r.outcome, r.days]),
    [
      ['QRB-2026-0001', 1, 'APPROVED', 18],
      ['QRB-2026-0002', 1, 'DISAPPROVED', 5],
      ['QRB-2026-0003', 1, 'APPROVED', 10],
    ],
  );
  assert.equal(times.summary, { count: 3, meanDays: 11, medianDays: 10 });

  const rates = model.ecqApprovalRates();
  assert.is(rates.length, 5);
  assert.equal(
    rates.find((r) => r.ecq === 'driving-efficiency'),
    { ecq: 'driving-efficiency', meets: 7, doesNotMeet: 2, meetsRate: 7 / 9, roundsPassed: 2, roundsFailed: 1 },
  );
  assert.equal(
    rates.find((r) => r.ecq === 'leading-people'),
    { ecq: 'leading-people', meets: 9, doesNotMeet: 0, meetsRate: 1, roundsPassed: 3, roundsFailed: 0 },
  );

  assert.equal(
    // 00:00Z on the 20th is 19:00 on the 19th in Washington (DOE's days): 8 days after the due date, not 9.
    model.overdueOnboardingMilestones('2026-02-20T00:00:00Z').map((m) => [m.milestoneId, m.ownerId, m.dueOn, m.daysOverdue, m.escalated]),
    [['day-30', SUP.id, '2026-02-11', 8, false]],
  );
  assert.equal(
    model.overdueOnboardingMilestones('2026-04-20T12:00:00Z').map((m) => [m.milestoneId, m.daysOverdue]),
    [
      ['day-30', 68],
      ['executive-development-plan', 8],
      ['day-90', 8],
    ],
  );

  assert.equal(
    model.probationsNearEnd('2026-10-20T12:00:00Z').map((p) => [p.stream, p.endDate, p.daysLeft, p.assessed, p.certified]),
    [['probation-EX-1042-1', '2027-01-11', 83, false, false]],
  );
  assert.equal(
    model.probationsNearEnd('2026-10-20T12:00:00Z', 132).map((p) => [p.stream, p.daysLeft]),
    [
      ['probation-EX-1042-1', 83],
      ['probation-EX-2001-1', 132],
    ],
  );
  assert.equal(model.probationsNearEnd('2026-10-01T12:00:00Z'), [], '102 days out is beyond the default 90');
  await model.close();
  await store.close();
});

test('follow: new appends reach the live model; a second projector on the same file applies nothing twice', async () => {
  const { dir, store } = await seededStore();
  const path = join(dir, 'read-model.db');
  const live = ReadModel.open(path);
  const errors: Error[] = [];
  const subscription = live.follow(store, { onError: (e) => errors.push(e) });
  const seeded = await lastPosition(store);
  await eventually(() => live.checkpoint() === seeded, 'the live model to catch up');
  const wong = () => live.inbox({ personId: AA.id, roles: ['appointing-authority'], asOf: '2026-10-02T00:00:00Z' });
  assert.equal(wong(), []);

  await probation(store, 'EX-1042-1', PROBATION_1_ASSESSED);
  const target = await lastPosition(store);
  await eventually(() => live.checkpoint() === target, 'the assessment to reach the live model');
  assert.equal(
    wong().map((r) => [r.stream, r.action, r.dueOn]),
    [['probation-EX-1042-1', 'CertifyProbation', '2027-01-11']],
  );
  assert.not.ok(live.inbox({ personId: SUP.id, roles: ['supervisor'], asOf: '2026-10-02T00:00:00Z' }).some((r) => r.stream === 'probation-EX-1042-1'));

  const cli = ReadModel.open(path);
  assert.equal(await cli.catchUp(store), { applied: 0, ignored: 0 });
  const [first] = await store.readAll({ maxCount: 1 });
  assert.is(cli.apply(first!), 'skipped');
  const refusal = await live.rebuild(store).then(
    () => null,
    (e: Error) => e.message,
  );
  assert.match(refusal ?? 'rebuilt', /close the live subscription/);
  await subscription.close();
  assert.equal(errors, []);
  await cli.close();
  await live.close();
  await store.close();
});

test('rebuild: a model rebuilt from zero into a second file equals the live one, row for row', async () => {
  const { dir, store } = await seededStore();
  const live = ReadModel.open(join(dir, 'read-model.db'));
  const subscription = live.follow(store);
  await qrb(store, 'QRB-2026-0001', QRB_A_DECIDED);
  await probation(store, 'EX-1042-1', PROBATION_1_ASSESSED);
  const target = await lastPosition(store);
  await eventually(() => live.checkpoint() === target, 'the live model to catch up');
  await subscription.close();

  const rebuilt = ReadModel.open(join(dir, 'rebuilt.db'));
  await rebuilt.rebuild(store);
  const snapshot = live.snapshot();
  assert.ok(snapshot.pending_decisions.length > 10 && snapshot.qrb_ecq_results.length === 15, 'the snapshot holds the data set');
  assert.equal(rebuilt.snapshot(), snapshot);
  await live.rebuild(store);
  assert.equal(live.snapshot(), snapshot, 'rebuilt in place too');
  // The query indexes, set aside for the load, are all back.
  const indexesOf = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all();
    } finally {
      db.close();
    }
  };
  const fresh = join(dir, 'fresh.db');
  await ReadModel.open(fresh).close();
  assert.ok(indexesOf(fresh).length >= 4, 'a fresh model has its query indexes');
  assert.equal(indexesOf(join(dir, 'read-model.db')), indexesOf(fresh), 'rebuilt in place: the same indexes as a fresh model');
  assert.equal(indexesOf(join(dir, 'rebuilt.db')), indexesOf(fresh), 'rebuilt into a second file: the same indexes');
  await rebuilt.close();
  await live.close();
  await store.close();
});

test('a catch-up in batches writes the rows of applying each event alone, whatever the batch size', async () => {
  const { dir, store } = await seededStore();
  // Every process, and cases that go on after other cases' events, so small batches split them.
  await appendAppraisal(store, appraisalStart('APR-1'), { initialLevel: 4, panelId: 'PRB-DOE-1', prbLevel: 3, finalLevel: 4 });
  await appendAppraisal(store, appraisalStart('APR-2', { agency: 'DOI' }), { initialLevel: 5 });
  await appendDrivenCase(store, reassignmentDefinition, 'reassignment-RA-2026-0001', [
    reassignmentDefinition.startCommand(REASSIGNMENT_START, at('2026-11-02'), HR, 'ses-2025-10-01'),
  ]);
  await qrb(store, 'QRB-2026-0001', QRB_A_DECIDED);
  await probation(store, 'EX-1042-1', PROBATION_1_ASSESSED);

  const oneByOne = ReadModel.open(join(dir, 'one-by-one.db'));
  for (const event of await store.readAll()) oneByOne.apply(event);
  const expected = oneByOne.snapshot();
  const processes = new Set(expected.cases.map((row) => (row as { process: string }).process));
  assert.equal([...processes].sort(), ['appraisal', 'onboarding', 'probation', 'qrb', 'reassignment', 'rotation']);
  assert.ok(expected.qrb_rounds.length === 3 && expected.qrb_ecq_results.length === 15, 'QRB rounds opened and decided');
  for (const batchSize of [1000, 7, 2, 1]) {
    const model = ReadModel.open(join(dir, `batches-of-${batchSize}.db`));
    const progress: number[] = [];
    await model.rebuild(store, { batchSize, onProgress: ({ applied, ignored }) => progress.push(applied + ignored) });
    assert.equal(model.snapshot(), expected, `batches of ${batchSize}`);
    assert.is(progress.length, Math.ceil(progress.at(-1)! / batchSize), `one transaction per ${batchSize} events`);
    await model.close();
  }
  await oneByOne.close();
  await store.close();
});

test("an event out of its stream's order fails loudly and changes nothing", async () => {
  const { dir, store } = await seededStore();
  const model = ReadModel.open(join(dir, 'read-model.db'));
  const second = (await store.readStream('qrb-QRB-2026-0001'))[1]!;
  assert.throws(() => model.apply(second), /qrb-QRB-2026-0001 revision 1 arrived where revision 0 was expected/);
  assert.is(model.checkpoint(), null);
  assert.equal(model.listCases(), []);
  await model.close();
  await store.close();
});

test('an event this build cannot read stops the projection there, naming it; nothing of it or of its batch is applied', async () => {
  const { dir, store } = await seededStore();
  const model = ReadModel.open(join(dir, 'read-model.db'));
  await model.catchUp(store);
  const checkpoint = model.checkpoint();
  const [first] = await store.readStream('qrb-QRB-2026-0001');
  // Written by a newer release: this build knows no upcaster down from it.
  const newer = qrbEventVersion('QrbCaseSubmitted') + 1;
  // A readable event in the same batch, before it: the batch's one transaction leaves it out too.
  await qrb(store, 'QRB-2026-0001', QRB_A_DECIDED);
  await store.append('qrb-QRB-2026-0099', 'no_stream', [{ type: first!.type, schemaVersion: newer, data: first!.data, meta: { ...first!.meta } }]);
  const failure = await model.catchUp(store).then(
    () => null,
    (error: Error) => error,
  );
  assert.match(
    failure?.message ?? 'caught up',
    new RegExp(
      `read model: cannot fold qrb-QRB-2026-0099 revision 0 \\(QrbCaseSubmitted, schema version ${newer}\\): QrbCaseSubmitted schema version ${newer} is newer than this build knows`,
    ),
  );
  assert.is(model.checkpoint(), checkpoint);
  assert.not.ok(model.listCases().some((c) => c.stream === 'qrb-QRB-2026-0099'));
  assert.is(model.listCases().find((c) => c.stream === 'qrb-QRB-2026-0001')?.status, 'BOARD_CONVENED');
  await model.close();
  await store.close();
});

test.run();
