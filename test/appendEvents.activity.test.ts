import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventStoreActivities } from '../activities/appendEvents';
import type { ProposedEvent } from '../domain/eventEnvelope';
import { StreamConflictError } from '../eventstore/streamConflictError';
import { proposed } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

/**
 * The append activity on a real SQLite store. Run as a local activity, it can run again in a
 * later attempt of the same workflow task after a worker crash: the command is decided again at
 * another workflow time, so its events differ from the stored ones only in when they occurred.
 */
const at = (event: ProposedEvent, occurredAt: string, meta: Partial<ProposedEvent['meta']> = {}): ProposedEvent => ({
  ...event,
  meta: { ...event.meta, ...meta, occurredAt },
});
const vote = (occurredAt: string, meta: Partial<ProposedEvent['meta']> = {}) => at(proposed('VoteCast', { memberId: 'm-1' }), occurredAt, meta);
const STARTED = proposed('CaseSubmitted');
const FIRST_ATTEMPT = '2025-01-06T09:00:01.000Z';
const SECOND_ATTEMPT = '2025-01-06T09:00:11.000Z';

test('a plain append reports the next revision and nothing recovered', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    assert.equal(await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] }), { nextExpectedRevision: 0 });
  }));

test('the same command of the same run decided again at a later time finds its stored events, once', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
    await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT)] });
    const again = await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(SECOND_ATTEMPT)] });
    assert.equal(again, { nextExpectedRevision: 1, recovered: [{ type: 'VoteCast', data: { memberId: 'm-1' }, occurredAt: FIRST_ATTEMPT }] });
    assert.is((await store.readStream('s')).length, 2, 'nothing written twice');
  }));

test('a start decided again (no_stream) finds its stored event', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [at(STARTED, FIRST_ATTEMPT)] });
    const again = await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [at(STARTED, SECOND_ATTEMPT)] });
    assert.is(again.nextExpectedRevision, 0);
    assert.is(again.recovered?.[0]?.occurredAt, FIRST_ATTEMPT);
  }));

for (const [what, meta] of [
  ['another command (causation)', { causationId: 'another-update' }],
  ['another run', { runId: 'run-2' }],
  ['another workflow', { workflowId: 'qrb-case-2' }],
] as const) {
  test(`an event of ${what} at the claimed revision is a conflict, as before`, () =>
    withTempStore(async (store) => {
      const { appendEvents } = createEventStoreActivities(store);
      await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
      await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT)] });
      try {
        await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(SECOND_ATTEMPT, meta)] });
        assert.unreachable('expected a conflict');
      } catch (error) {
        assert.instance(error, StreamConflictError);
      }
      assert.is((await store.readStream('s')).length, 2);
    }));
}

test('another event type of the same command, or more events than stored, is a conflict', () =>
  withTempStore(async (store) => {
    const { appendEvents } = createEventStoreActivities(store);
    await appendEvents({ stream: 's', expectedRevision: 'no_stream', events: [STARTED] });
    await appendEvents({ stream: 's', expectedRevision: 0, events: [vote(FIRST_ATTEMPT)] });
    for (const events of [[at(proposed('BoardConvened'), SECOND_ATTEMPT)], [vote(SECOND_ATTEMPT), vote(SECOND_ATTEMPT)]]) {
      try {
        await appendEvents({ stream: 's', expectedRevision: 0, events });
        assert.unreachable('expected a conflict');
      } catch (error) {
        assert.instance(error, StreamConflictError);
      }
    }
  }));

test.run();
