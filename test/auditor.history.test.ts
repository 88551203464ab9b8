import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Audit } from '../client/audit';
import { CheckpointKey } from '../client/auditor/checkpointKey';
import { Checkpoints } from '../client/auditor/checkpoints';
import { compareWithLive } from '../client/auditor/compareWithLive';
import { toProblem } from '../client/problem';
import { proposedEvent } from '../domain/eventEnvelope';
import { probationDefinition, type ProbationCommand, type ProbationStart, type ProbationState } from '../domain/probation';
import type { Actor } from '../domain/roles';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { CONTEXT } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

/** history() on a real SQLite store holding events the probation decider itself produced. */
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };
const START: ProbationStart = {
  caseId: 'EX-H-1',
  executiveId: 'ex-rivera',
  agency: 'DOE',
  appointmentEffectiveDate: '2026-01-05',
  criterion: 'A',
  priorTenure: 'career',
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  startedBy: 'hr-ana',
};
const STREAM = 'probation-EX-H-1';

/** Decides each command against the folded state and appends its events, as the workflow does. */
const record = async (store: SqliteEventStore, commands: ProbationCommand[]): Promise<ProbationState> => {
  let state = probationDefinition.initialState;
  for (const command of commands) {
    const decision = probationDefinition.decide(state, command);
    if (!decision.ok) throw new Error(decision.error.message);
    const context = { ...CONTEXT, actor: command.actor, workflowId: STREAM, policyVersion: state.policyVersion ?? 'ses-2025-10-01' };
    await store.append(
      STREAM,
      'any',
      decision.events.map((event) => proposedEvent(event, probationDefinition.eventVersion(event.type), context)),
    );
    state = decision.events.reduce(probationDefinition.evolve, state);
  }
  return state;
};

const withAudit = (body: (audit: Audit, store: SqliteEventStore) => Promise<void>) =>
  withTempStore((store, { dir }) => body(new Audit(store, new Checkpoints(store, new CheckpointKey(join(dir, 'checkpoint-signing-key.pem')))), store));

const commands: ProbationCommand[] = [
  probationDefinition.startCommand(START, '2026-01-05T09:00:00Z', HR),
  probationDefinition.actionCommand({ type: 'RecordNonpayPeriod', from: '2026-03-02', to: '2026-04-30' }, '2026-05-04T10:00:00Z', HR),
  probationDefinition.actionCommand(
    { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the grid office at the level of excellence.' },
    '2026-10-01T15:00:00Z',
    SUP,
  ),
];

test('history: each event with who, when and the before/after of every field it changed', async () => {
  await withAudit(async (audit, store) => {
    await record(store, commands);
    const history = await audit.history(STREAM);
    assert.equal(
      history.map((entry) => [entry.revision, entry.type, entry.actor.id]),
      [
        [0, 'ProbationStarted', 'hr-ana'],
        [1, 'ProbationNonpayRecorded', 'hr-ana'],
        [2, 'ProbationEndDateExtended', 'hr-ana'],
        [3, 'ProbationAssessmentSubmitted', 'sup-ortiz'],
      ],
    );
    const started = history[0]!.changes;
    assert.equal(
      started.find((change) => change.path === 'status'),
      { path: 'status', before: 'NOT_STARTED', after: 'ON_PROBATION' },
    );
    assert.equal(
      started.find((change) => change.path === 'endDate'),
      { path: 'endDate', before: null, after: '2027-01-04' },
    );
    assert.equal(history[2]!.changes, [{ path: 'endDate', before: '2027-01-04', after: '2027-02-03' }]);
    const assessed = history[3]!.changes.map((change) => change.path);
    assert.equal(assessed, ['assessments']);
    assert.is(history[3]!.occurredAt, '2026-10-01T15:00:00Z');
  });
});

test('history of a stream no process folds, or of no events, is refused', async () => {
  await withAudit(async (audit) => {
    const problems = [];
    for (const stream of ['probation-EX-NONE', 'payroll-1']) {
      try {
        await audit.history(stream);
      } catch (error) {
        problems.push(toProblem(error).error);
      }
    }
    assert.equal(problems, ['not-found', 'unknown-process']);
  });
});

test('compareWithLive: the same state is the same; a stale replay names each differing field', async () => {
  await withAudit(async (audit, store) => {
    const live = await record(store, commands);
    const replayed = await audit.replay(STREAM);
    assert.equal(compareWithLive(replayed.state, JSON.parse(JSON.stringify(live))), { same: true, differences: [] });
    const stale = await audit.replay(STREAM, { revision: 1 });
    const comparison = compareWithLive(stale.state, live);
    assert.not.ok(comparison.same);
    assert.equal(
      comparison.differences.map((difference) => difference.path),
      ['endDate', 'assessments'],
    );
    assert.equal(comparison.differences[0], { path: 'endDate', replayed: '2027-01-04', live: '2027-02-03' });
  });
});

test.run();
