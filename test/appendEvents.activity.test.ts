import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventStoreActivities } from '../activities/appendEvents';
import type { ProposedEvent } from '../domain/eventEnvelope';
import { StreamConflictError } from '../eventstore/streamConflictError';
import { proposed } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

/**
 * The append activity on a real SQLite store. Run as a local activity, it appends before Temporal
 * has recorded anything of its workflow task: when that task is lost (the worker or the server
 * died), the run decides again from the state before and meets its own events at the claimed
 * revision. Those are handed back to be folded; anyone else's event there is a conflict.
 */
const at = (event: ProposedEvent, occurredAt: string, meta: Partial<ProposedEvent['meta']> = {}): ProposedEvent => ({
  ...event,
  meta: { ...event.meta, ...meta, occurredAt },
});
const vote = (occurredAt: string, meta: Partial<ProposedEvent['meta']> = {}) => at(proposed('VoteCast', { memberId: 'm-1' }), occurredAt, meta);
const STARTED = proposed('CaseSubmitted');
const FIRST_ATTEMPT = '2025-01-06T09:00:01.000Z';
const SECOND_ATTEMPT = '2025-01-06T09:00:11.000Z';
const lostVote = (causationId: string) => ({ type: 'VoteCast', schemaVersion: 1, data: { memberId: 'm-1' }, occurredAt: FIRST_ATTEMPT, causationId });

const conflictOf = async (append: Promise<unknown>): Promise<void> => {
  try {
    await append;
    assert.unreachable('expected a conflict');
  } catch (error) {
    assert.instance(error, StreamConflictError);
  }
};

test('a plain append reports the next revision and nothing lost', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    assert.equal(await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] }), { nextExpectedRevision: 0 });
  }));

test('the same command of the same run decided again at a later time finds its stored events, written once', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
    await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT)] });
    const again = await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(SECOND_ATTEMPT)] });
    assert.equal(again, { nextExpectedRevision: 1, lost: [lostVote(STARTED.meta.causationId)] });
    assert.is((await store.readStream('s')).length, 2, 'nothing written twice');
  }));

test('a start decided again (no_stream) finds its stored event', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [at(STARTED, FIRST_ATTEMPT)] });
    const again = await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [at(STARTED, SECOND_ATTEMPT)] });
    assert.is(again.nextExpectedRevision, 0);
    assert.is(again.lost?.[0]?.occurredAt, FIRST_ATTEMPT);
  }));

test('another command of the same run (its update lost with the task, retried under a new id) is handed back with every later event of the run, in order', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
    await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT, { causationId: 'update-1' })] });
    await appendEvents({ stream: 's', expectedRevision: 1, events: [vote(FIRST_ATTEMPT, { causationId: 'update-2' })] });
    const again = await appendEvents({
      stream: 's',
      expectedRevision: 0,
      events: [at(proposed('BoardConvened'), SECOND_ATTEMPT, { causationId: 'update-3' })],
    });
    assert.equal(again, { nextExpectedRevision: 2, lost: [lostVote('update-1'), lostVote('update-2')] });
    assert.is((await store.readStream('s')).length, 3, 'nothing appended');
  }));

for (const [what, meta] of [
  ['another run', { runId: 'run-2' }],
  ['another workflow', { workflowId: 'qrb-case-2' }],
] as const) {
  test(`an event of ${what} at the claimed revision is a conflict, as before`, () =>
    withTempStore(async (store) => {
      const { appendEvents } = createEventStoreActivities(store);
      await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
      await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT, meta)] });
      await conflictOf(appendEvents({ stream: 's', expectedRevision: 0, events: [vote(SECOND_ATTEMPT)] }));
      assert.is((await store.readStream('s')).length, 2);
    }));
}

test("an event of this run followed by another writer's is a conflict", () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
    await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT)] });
    await appendEvents({ stream: 's', expectedRevision: 1, events: [vote(FIRST_ATTEMPT, { runId: 'run-2' })] });
    await conflictOf(appendEvents({ stream: 's', expectedRevision: 0, events: [vote(SECOND_ATTEMPT)] }));
  }));

test.run();
