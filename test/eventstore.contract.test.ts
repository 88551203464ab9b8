import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GENESIS_HASH, type RecordedEvent } from '../domain/eventEnvelope';
import type { EventStore } from '../eventstore/eventStore';
import {
  canonicalEventText,
  canonicalJson,
  canonicalMetaText,
  eventIdFor,
  hashEvent,
  hashEventText,
  isCanonicalTextOf,
  metaWithoutHash,
  uuidV5,
} from '../eventstore/hashChain';
import { InvalidEventError } from '../eventstore/invalidEventError';
import { openEventStore } from '../eventstore/openEventStore';
import { SqliteEventStore, STREAMS_WITH_PREFIX_SQL } from '../eventstore/sqliteEventStore';
import { StreamConflictError } from '../eventstore/streamConflictError';
import { verifyStream } from '../eventstore/verifyStream';
import { CONTEXT, proposed } from './support/eventstoreFixtures';
import { queryPlanOf } from './support/queryPlan';

/** Where one test's stores live: every open() is a separate instance (connection) on the same data. */
type OpenStore = () => Promise<EventStore>;

/** Unique per test and per run, because a KurrentDB server keeps every earlier run's streams. */
const streamName = (prefix = 'qrb') => `${prefix}-${randomUUID().slice(0, 8)}`;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, Error);
    return error as Error;
  }
  assert.unreachable('expected the promise to reject');
  throw new Error('unreachable');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.unreachable(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Events whose global positions strictly increase, compared as integers (they may exceed 2^53). */
function assertAscendingPositions(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    assert.ok(BigInt(events[i]!.position) > BigInt(events[i - 1]!.position), `position ${i} is not after ${i - 1}`);
  }
}

const types = (events: RecordedEvent[]) => events.map((event) => event.type);

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const collected: RecordedEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** The one contract every adapter passes. */
function contractSuite(adapter: string, newLocation: () => OpenStore): void {
  const test = suite(`EventStore contract (${adapter})`);
  let openStore: OpenStore;
  let opened: EventStore[] = [];
  const open = async () => {
    const store = await openStore();
    opened.push(store);
    return store;
  };
  const close = async (store: EventStore) => {
    opened = opened.filter((other) => other !== store);
    await store.close();
  };

  test.before.each(() => {
    openStore = newLocation();
  });
  test.after.each(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
  });

  test('append with no_stream, then with the exact revision, builds one chained stream', async () => {
    const store = await open();
    const stream = streamName();
    const first = await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')]);
    assert.is(first.nextExpectedRevision, 1);
    assert.equal(
      first.events.map((e) => e.revision),
      [0, 1],
    );
    const second = await store.append(stream, 1, [proposed('VoteCast', { vote: 'yes' })]);
    assert.is(second.nextExpectedRevision, 2);
    assert.equal(
      second.events.map((e) => e.revision),
      [2],
    );

    const events = await store.readStream(stream);
    assert.equal(types(events), ['CaseOpened', 'BoardConvened', 'VoteCast']);
    assert.equal(events, [...first.events, ...second.events]);
    assert.equal(events[2]!.data, { vote: 'yes' });
    assert.equal(events[2]!.meta.actor, CONTEXT.actor);
    assert.is(events[0]!.meta.prevHash, GENESIS_HASH);
    assert.is(events[1]!.meta.prevHash, events[0]!.meta.hash);
    assert.is(events[2]!.meta.prevHash, events[1]!.meta.hash);
    assertAscendingPositions(events);
  });

  test('a stream reads a page at a time: from a revision, at most maxCount events', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(
      stream,
      'no_stream',
      ['A', 'B', 'C', 'D', 'E'].map((type) => proposed(`Step${type}`)),
    );
    assert.equal(
      (await store.readStream(stream, 1, 2)).map((e) => e.revision),
      [1, 2],
    );
    assert.equal(
      (await store.readStream(stream, 4, 10)).map((e) => e.revision),
      [4],
    );
    assert.equal(await store.readStream(stream, 0, 0), []);
    assert.equal(await store.readStream(stream, 5, 3), []);
    assert.equal(
      (await store.readStream(stream, 2)).map((e) => e.revision),
      [2, 3, 4],
      'without maxCount: to the end',
    );
  });

  test('an exact revision that is not the last is a conflict naming stream, expected and actual', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')]);

    const behind = await rejection(store.append(stream, 0, [proposed('VoteCast')]));
    assert.instance(behind, StreamConflictError);
    const conflict = behind as StreamConflictError;
    assert.is(conflict.name, 'StreamConflictError');
    assert.is(conflict.stream, stream);
    assert.is(conflict.expected, 0);
    assert.is(conflict.actual, 1);
    assert.match(conflict.message, stream);
    assert.match(conflict.message, /expected revision 0/);
    assert.match(conflict.message, /at 1/);

    const ahead = (await rejection(store.append(stream, 5, [proposed('VoteCast')]))) as StreamConflictError;
    assert.instance(ahead, StreamConflictError);
    assert.is(ahead.expected, 5);
    assert.is(ahead.actual, 1);

    const missing = (await rejection(store.append(streamName(), 0, [proposed('VoteCast')]))) as StreamConflictError;
    assert.instance(missing, StreamConflictError);
    assert.is(missing.actual, 'no_stream');

    assert.equal(types(await store.readStream(stream)), ['CaseOpened', 'BoardConvened']);
  });

  test('no_stream on an existing stream is a conflict', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(stream, 'no_stream', [proposed('CaseOpened')]);
    const error = (await rejection(store.append(stream, 'no_stream', [proposed('CaseReopened')]))) as StreamConflictError;
    assert.instance(error, StreamConflictError);
    assert.is(error.expected, 'no_stream');
    assert.is(error.actual, 0);
    assert.equal(types(await store.readStream(stream)), ['CaseOpened']);
  });

  test('a retried append of the same events is a no-op success, also after the stream moved on', async () => {
    const store = await open();
    const stream = streamName();
    const batch = [proposed('CaseOpened', { grade: 'SES' }), proposed('BoardConvened')];
    const first = await store.append(stream, 'no_stream', batch);
    const retry = await store.append(stream, 'no_stream', batch);
    assert.equal(retry, first);
    assert.is((await store.readStream(stream)).length, 2);

    const next = await store.append(stream, 1, [proposed('VoteCast')]);
    assert.equal(await store.append(stream, 'no_stream', batch), first);
    assert.equal(await store.append(stream, 1, [proposed('VoteCast')]), next);
    const events = await store.readStream(stream);
    assert.equal(types(events), ['CaseOpened', 'BoardConvened', 'VoteCast']);
    assert.equal(events, [...first.events, ...next.events]);
  });

  test('a different event at an occupied revision is always a conflict', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('VoteCast', { vote: 'yes' })]);
    const original = await store.readStream(stream);

    const changedData = await rejection(store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('VoteCast', { vote: 'no' })]));
    assert.instance(changedData, StreamConflictError);
    const changedMeta = await rejection(store.append(stream, 0, [{ ...proposed('VoteCast', { vote: 'yes' }), meta: { ...CONTEXT, runId: 'run-2' } }]));
    assert.instance(changedMeta, StreamConflictError);
    const longer = await rejection(store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('VoteCast', { vote: 'yes' }), proposed('CaseClosed')]));
    assert.instance(longer, StreamConflictError);

    assert.equal(await store.readStream(stream), original);
  });

  test("'any' appends at the end with no idempotency", async () => {
    const store = await open();
    const stream = streamName();
    const first = await store.append(stream, 'any', [proposed('NoteAdded')]);
    const second = await store.append(stream, 'any', [proposed('NoteAdded')]);
    assert.is(first.nextExpectedRevision, 0);
    assert.is(second.nextExpectedRevision, 1);
    const events = await store.readStream(stream);
    assert.equal(
      events.map((e) => e.revision),
      [0, 1],
    );
    assert.is(events[1]!.meta.prevHash, events[0]!.meta.hash);
  });

  test('an empty append writes nothing but still checks the expected revision', async () => {
    const store = await open();
    const stream = streamName();
    const result = await store.append(stream, 'no_stream', []);
    assert.equal(result, { nextExpectedRevision: -1, events: [] });
    assert.equal(await store.readStream(stream), []);
    assert.not.ok((await store.listStreams()).some((summary) => summary.stream === stream));

    await store.append(stream, 'no_stream', [proposed('CaseOpened')]);
    assert.equal(await store.append(stream, 0, []), { nextExpectedRevision: 0, events: [] });
    assert.instance(await rejection(store.append(stream, 3, [])), StreamConflictError);
    assert.is((await store.readStream(stream)).length, 1);
  });

  test('readStream from a revision; an unknown stream reads as []', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(
      stream,
      'no_stream',
      ['A', 'B', 'C', 'D'].map((step) => proposed(`Step${step}`)),
    );
    assert.equal(
      (await store.readStream(stream, 2)).map((e) => e.revision),
      [2, 3],
    );
    assert.equal(types(await store.readStream(stream, 3)), ['StepD']);
    assert.equal(await store.readStream(stream, 4), []);
    assert.equal(await store.readStream(streamName('never-written')), []);
  });

  test('readAll is in global order across streams; after is exclusive; listStreams', async () => {
    const store = await open();
    const [one, two] = [streamName('qrb'), streamName('onboarding')];
    await store.append(one, 'no_stream', [proposed('CaseOpened')]);
    await store.append(two, 'no_stream', [proposed('OnboardingStarted'), proposed('MentorAssigned')]);
    await store.append(one, 0, [proposed('CaseClosed')]);
    const ours = (events: RecordedEvent[]) => events.filter((e) => e.stream === one || e.stream === two);

    const all = ours(await store.readAll());
    assert.equal(types(all), ['CaseOpened', 'OnboardingStarted', 'MentorAssigned', 'CaseClosed']);
    assert.equal(
      all.map((e) => e.stream),
      [one, two, two, one],
    );
    assertAscendingPositions(all);

    assert.equal(types(ours(await store.readAll({ after: all[1]!.position }))), ['MentorAssigned', 'CaseClosed']);
    assert.equal(ours(await store.readAll({ after: all[3]!.position })), []);
    assert.equal(types(await store.readAll({ after: all[0]!.position, maxCount: 2 })), ['OnboardingStarted', 'MentorAssigned']);

    const summaries = (await store.listStreams()).filter((s) => s.stream === one || s.stream === two);
    assert.equal(summaries, [
      { stream: one, lastRevision: 1 },
      { stream: two, lastRevision: 1 },
    ]);
  });

  test('listStreams with a prefix gives exactly the streams named so, in first-append order, with their last revisions', async () => {
    const store = await open();
    // A prefix of this run alone: a server holds every earlier run's streams.
    const prefix = `pfx${randomUUID().slice(0, 8)}-`;
    const [late, early, bare, other] = [`${prefix}b`, `${prefix}a`, prefix, `${prefix.slice(0, -1)}+x`];
    await store.append(late, 'no_stream', [proposed('CaseOpened')]);
    await store.append(other, 'no_stream', [proposed('CaseOpened')]);
    await store.append(early, 'no_stream', [proposed('CaseOpened'), proposed('CaseClosed')]);
    await store.append(bare, 'no_stream', [proposed('CaseOpened')]);
    await store.append(`${prefix}\u{10FFFF}é`, 'no_stream', [proposed('CaseOpened')]);
    await store.append(late, 0, [proposed('CaseClosed')]);
    assert.equal(await store.listStreams({ prefix }), [
      { stream: late, lastRevision: 1 },
      { stream: early, lastRevision: 1 },
      { stream: bare, lastRevision: 0 },
      { stream: `${prefix}\u{10FFFF}é`, lastRevision: 0 },
    ]);
    assert.equal(await store.listStreams({ prefix: `${prefix}zz` }), []);
    // An empty prefix is no filter.
    const every = (await store.listStreams({ prefix: '' })).map((summary) => summary.stream);
    assert.ok([late, early, bare, other].every((stream) => every.includes(stream)));
  });

  test('streamAll yields every event in global order, page after page, whatever the page size', async () => {
    const store = await open();
    const [one, two] = [streamName('qrb'), streamName('onboarding')];
    // Starting after a marker keeps the pass short on a server that holds every earlier run's events.
    const [marker] = (await store.append(streamName('marker'), 'no_stream', [proposed('MarkerSet')])).events;
    await store.append(one, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')]);
    await store.append(two, 'no_stream', [proposed('OnboardingStarted')]);
    await store.append(one, 1, [proposed('VoteCast'), proposed('VoteCast'), proposed('CaseClosed')]);
    await store.append(two, 0, [proposed('MentorAssigned')]);
    const ours = (events: RecordedEvent[]) => events.filter((e) => e.stream === one || e.stream === two);
    const expected = ours(await store.readAll({ after: marker!.position }));
    assert.is(expected.length, 7);
    assertAscendingPositions(expected);

    // 1 and 7: every event its own page, and a full last page followed by an empty one; 3: a partial last page.
    for (const pageSize of [1, 3, 7, 8, undefined]) {
      const streamed = ours(await collect(store.streamAll({ after: marker!.position, ...(pageSize === undefined ? {} : { pageSize }) })));
      assert.equal(streamed, expected, `page size ${pageSize ?? 'default'}`);
    }
  });

  test('streamAll: after is exclusive, after the last event nothing, a consumer may stop early, a bad page size is refused', async () => {
    const store = await open();
    const stream = streamName();
    const { events } = await store.append(
      stream,
      'no_stream',
      ['A', 'B', 'C', 'D'].map((type) => proposed(`Step${type}`)),
    );
    const ours = (all: RecordedEvent[]) => all.filter((e) => e.stream === stream);

    assert.equal(ours(await collect(store.streamAll({ after: events[1]!.position, pageSize: 1 }))), events.slice(2));
    assert.equal(await collect(store.streamAll({ after: events[3]!.position })), []);

    const firstTwo: RecordedEvent[] = [];
    for await (const event of store.streamAll({ after: events[0]!.position, pageSize: 1 })) {
      firstTwo.push(event);
      if (firstTwo.length === 2) break;
    }
    assert.equal(firstTwo, events.slice(1, 3));

    for (const pageSize of [0, -1, 1.5]) {
      assert.instance(await rejection(collect(store.streamAll({ pageSize }))), TypeError);
    }
    assert.instance(await rejection(collect(store.streamAll({ after: 'not-a-position' }))), TypeError);
  });

  test('subscribeToAll catches up, then delivers live events in order, one at a time, until closed', async () => {
    const store = await open();
    const stream = streamName();
    const [start] = (await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')])).events;
    const received: string[] = [];
    let running = 0;
    let overlapped = false;
    const subscription = store.subscribeToAll({
      after: start!.position,
      onEvent: async (event) => {
        if (event.stream !== stream) return;
        overlapped ||= running > 0;
        running++;
        await sleep(5);
        received.push(event.type);
        running--;
      },
    });
    await waitFor(() => received.length === 1, 'the catch-up event');
    assert.equal(received, ['BoardConvened']);

    await store.append(stream, 1, [proposed('VoteCast'), proposed('VoteCast')]);
    await store.append(stream, 3, [proposed('CaseClosed')]);
    await waitFor(() => received.length === 4, 'the live events');
    assert.equal(received, ['BoardConvened', 'VoteCast', 'VoteCast', 'CaseClosed']);
    assert.not.ok(overlapped, 'onEvent ran while the previous call was still pending');

    await subscription.close();
    await store.append(stream, 4, [proposed('CaseReopened')]);
    await sleep(300);
    assert.is(received.length, 4, 'an event arrived after close()');
  });

  test('close() called from onEvent stops delivery after that event', async () => {
    const store = await open();
    const stream = streamName();
    const [start] = (await store.append(stream, 'no_stream', [proposed('StepA')])).events;
    await store.append(stream, 0, [proposed('StepB'), proposed('StepC'), proposed('StepD')]);
    const received: string[] = [];
    let closing: Promise<void> | undefined;
    const subscription = store.subscribeToAll({
      after: start!.position,
      onEvent: (event) => {
        if (event.stream !== stream) return;
        received.push(event.type);
        closing ??= subscription.close();
      },
    });
    await waitFor(() => closing !== undefined, 'the first event');
    await closing;
    await sleep(200);
    assert.equal(received, ['StepB']);
  });

  test('two writers racing on one stream: exactly one wins, the other gets a conflict', async () => {
    const [first, second] = [await open(), await open()];
    for (let round = 0; round < 5; round++) {
      const stream = streamName();
      await first.append(stream, 'no_stream', [proposed('CaseOpened')]);
      const outcomes = await Promise.allSettled([
        first.append(stream, 0, [proposed('VoteCast', { by: 'first' }), proposed('VoteCast', { by: 'first' })]),
        second.append(stream, 0, [proposed('VoteCast', { by: 'second' })]),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      assert.is(won.length, 1);
      assert.is(lost.length, 1);
      assert.instance(lost[0]!.reason, StreamConflictError);
      const winner = outcomes[0]!.status === 'fulfilled' ? 'first' : 'second';
      const events = await first.readStream(stream);
      assert.equal(
        events.slice(1).map((e) => e.data.by),
        winner === 'first' ? ['first', 'first'] : ['second'],
      );
      assert.equal(await second.readStream(stream), events);
      assert.ok((await verifyStream(first, stream)).ok);
    }
  });

  test("another connection's append is seen by this one's next append: a conflict for a stale revision, 'any' chains after it", async () => {
    const [first, second] = [await open(), await open()];
    const stream = streamName();
    await first.append(stream, 'no_stream', [proposed('CaseOpened')]);
    const [theirs] = (await second.append(stream, 0, [proposed('VoteCast', { by: 'second' })])).events;

    const stale = await rejection(first.append(stream, 0, [proposed('VoteCast', { by: 'first' })]));
    assert.instance(stale, StreamConflictError);
    assert.match(stale.message, /1/);
    const [ours] = (await first.append(stream, 'any', [proposed('CaseClosed')])).events;
    assert.is(ours!.revision, 2);
    assert.is(ours!.meta.prevHash, theirs!.meta.hash);
    assert.ok((await verifyStream(second, stream)).ok);
  });

  test('a reader during a burst of writes never sees a gap or a partial batch', async () => {
    const [writer, reader] = [await open(), await open()];
    const streams = [streamName(), streamName(), streamName()];
    let writing = true;
    const writes = (async () => {
      for (let batch = 0; batch < 20; batch++) {
        for (const stream of streams) {
          await writer.append(stream, batch * 3 - 1, [proposed('BurstStarted'), proposed('BurstContinued'), proposed('BurstEnded')]);
        }
      }
    })().finally(() => {
      writing = false;
    });
    let snapshots = 0;
    while (writing) {
      assertWholeBatches(await reader.readAll(), streams);
      snapshots++;
    }
    await writes;
    const final = assertWholeBatches(await reader.readAll(), streams);
    assert.is(final.length, 180);
    assert.ok(snapshots > 0);
  });

  test('close and reopen keeps every event and the chain', async () => {
    const store = await open();
    const stream = streamName();
    await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')]);
    await store.append(stream, 1, [proposed('VoteCast')]);
    const before = await store.readStream(stream);
    await close(store);

    const reopened = await open();
    assert.equal(await reopened.readStream(stream), before);
    const next = await reopened.append(stream, 2, [proposed('CaseClosed')]);
    assert.is(next.events[0]!.meta.prevHash, before[2]!.meta.hash);
    const verified = await verifyStream(reopened, stream);
    assert.equal(verified, { ok: true, stream, events: 4, lastHash: next.events[0]!.meta.hash });
  });

  test('verifyStream recomputes the chain of a clean stream', async () => {
    const store = await open();
    const stream = streamName();
    const { events } = await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('VoteCast', { n: 1.5 })]);
    assert.equal(await verifyStream(store, stream), { ok: true, stream, events: 2, lastHash: events[1]!.meta.hash });
    assert.equal(await store.readStoredStream(stream), await store.readStream(stream), 'a clean stream reads the same unvalidated');
    const empty = streamName('empty');
    assert.equal(await verifyStream(store, empty), { ok: true, stream: empty, events: 0, lastHash: GENESIS_HASH });
  });

  test('an invalid proposed event is refused naming the field, and nothing is written', async () => {
    const store = await open();
    const stream = streamName();
    const badType = await rejection(store.append(stream, 'no_stream', [proposed('case opened')]));
    assert.instance(badType, InvalidEventError);
    assert.match(badType.message, 'events[0].type');
    assert.match(badType.message, 'PascalCase');

    const badRole = await rejection(
      store.append(stream, 'no_stream', [
        proposed('CaseOpened'),
        { ...proposed('VoteCast'), meta: { ...CONTEXT, actor: { id: 'x', role: 'janitor' as never } } },
      ]),
    );
    assert.instance(badRole, InvalidEventError);
    assert.match(badRole.message, 'events[1].meta.actor.role');

    const notJson = await rejection(store.append(stream, 'no_stream', [proposed('CaseOpened', { when: undefined })]));
    assert.instance(notJson, InvalidEventError);
    assert.match(notJson.message, 'events[0].data.when');

    const badExpected = await rejection(store.append(stream, -2, [proposed('CaseOpened')]));
    assert.instance(badExpected, InvalidEventError);

    assert.equal(await store.readStream(stream), []);
    assert.not.ok((await store.listStreams()).some((summary) => summary.stream === stream));
  });

  test('event ids are derived from stream and revision', async () => {
    const store = await open();
    const stream = streamName();
    const { events } = await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened')]);
    assert.equal(
      events.map((e) => e.id),
      [eventIdFor(stream, 0), eventIdFor(stream, 1)],
    );
    assert.match(events[0]!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.is.not(events[0]!.id, events[1]!.id);
  });

  test.run();
}

/** Every stream in the snapshot holds whole batches of three, contiguous from revision 0, in global order. */
function assertWholeBatches(all: RecordedEvent[], streams: string[]): RecordedEvent[] {
  const ours = all.filter((event) => streams.includes(event.stream));
  assertAscendingPositions(ours);
  for (const stream of streams) {
    const events = ours.filter((event) => event.stream === stream);
    assert.equal(
      events.map((e) => e.revision),
      [...events.keys()],
      `a gap in ${stream}`,
    );
    assert.is(events.length % 3, 0, `a partial batch in ${stream}`);
  }
  return ours;
}

/** A fresh database file in a folder that does not exist yet: open() must create it. */
function temporaryDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'eventstore-')), 'nested', 'events.db');
}

contractSuite('SQLite', () => {
  const path = temporaryDatabase();
  return async () => SqliteEventStore.open(path);
});

const kurrentUrl = process.env.KURRENTDB_URL;
if (kurrentUrl) {
  contractSuite('KurrentDB', () => () => openEventStore(kurrentUrl));
} else {
  console.log('KurrentDB contract suite skipped: KURRENTDB_URL is not set (no KurrentDB server on this machine)');
}

/** Runs a test/support writer in its own thread (its own connection, truly in parallel); resolves with its message. */
function runWorker(file: string, workerData: unknown): Promise<unknown> {
  // Module hooks are per thread: the worker registers tsx itself before loading the TypeScript file.
  const script = `require('tsx/cjs'); require(${JSON.stringify(resolve(__dirname, 'support', file))});`;
  const worker = new Worker(script, { eval: true, workerData });
  return new Promise((resolveMessage, reject) => {
    worker.once('message', resolveMessage);
    // Rewrapped: a value cloned across threads may lack `name`, and uvu then drops the failure silently.
    worker.once('error', (error: unknown) => reject(new Error(`${file} failed: ${inspect(error)}`)));
  });
}

const sqlite = suite('SQLite event store only');

sqlite('a prefix listing searches a range of the stream index, reading no other stream', async () => {
  const plan = await queryPlanOf(async (path) => (await SqliteEventStore.open(path)).close(), STREAMS_WITH_PREFIX_SQL, { prefix: 'access-' });
  assert.ok(
    plan.some((step) => /^SEARCH events USING COVERING INDEX \S+ \(stream>\? AND stream<\?\)$/.test(step)),
    plan.join('\n'),
  );
  assert.not.ok(
    plan.some((step) => step.startsWith('SCAN')),
    plan.join('\n'),
  );
});

sqlite('writers in two threads racing for the same revisions: one winner per stream, conflicts for the other', async () => {
  const path = temporaryDatabase();
  const store = SqliteEventStore.open(path);
  const streams = Array.from({ length: 150 }, () => streamName());
  for (const stream of streams) await store.append(stream, 'no_stream', [proposed('CaseOpened')]);
  const startLine = new SharedArrayBuffer(4);
  const [wonByA, wonByB] = (await Promise.all([
    runWorker('eventstoreRacingWriter.ts', { path, streams, writer: 'A', startLine }),
    runWorker('eventstoreRacingWriter.ts', { path, streams, writer: 'B', startLine }),
  ])) as [string[], string[]];
  assert.is(wonByA.length + wonByB.length, streams.length);
  for (const stream of streams) {
    const winner = wonByA.includes(stream) ? 'A' : 'B';
    assert.is(wonByA.includes(stream) && wonByB.includes(stream), false, `both writers won ${stream}`);
    const events = await store.readStream(stream);
    assert.equal(
      events.map((e) => e.data.by),
      [undefined, winner],
    );
  }
  await store.close();
});

sqlite('a raw UPDATE of one row is reported by verify at exactly that revision', async () => {
  const path = temporaryDatabase();
  const store = SqliteEventStore.open(path);
  const stream = streamName();
  await store.append(
    stream,
    'no_stream',
    [0, 1, 2, 3, 4].map((n) => proposed('VoteCast', { n })),
  );
  assert.ok((await verifyStream(store, stream)).ok);

  const raw = new Database(path);
  raw.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = 2').run('{"n":99}', stream);
  const tampered = await verifyStream(store, stream);
  assert.equal(tampered.ok ? -1 : tampered.brokenRevision, 2);
  assert.match(tampered.ok ? '' : tampered.reason, /hash/);

  // A later row broken past the schema must not hide the earlier tampering, nor crash verify.
  raw.prepare('UPDATE events SET meta = ? WHERE stream = ? AND revision = 4').run('not json', stream);
  const worse = await verifyStream(store, stream);
  assert.equal(worse.ok ? -1 : worse.brokenRevision, 2);
  raw.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = 2').run('{"n":2}', stream);
  const onlySchema = await verifyStream(store, stream);
  assert.equal(onlySchema.ok ? -1 : onlySchema.brokenRevision, 4);
  assert.match(onlySchema.ok ? '' : onlySchema.reason, 'event.meta');

  // Ordinary reads refuse the corrupt row, naming where it sits.
  const readError = await rejection(store.readStream(stream));
  assert.match(readError.message, `"${stream}" at revision 4`);

  raw.prepare('DELETE FROM events WHERE stream = ? AND revision = 4').run(stream);
  raw.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(stream);
  const gap = await verifyStream(store, stream);
  assert.equal(gap.ok ? -1 : gap.brokenRevision, 1);
  raw.close();
  await store.close();
});

sqlite('a reader never sees a gap or partial batch while another thread writes', async () => {
  const path = temporaryDatabase();
  const store = SqliteEventStore.open(path);
  const streams = [streamName(), streamName(), streamName()];
  let done = false;
  const finished = runWorker('eventstoreBurstWriter.ts', { path, streams, batches: 40 }).finally(() => {
    done = true;
  });
  let snapshots = 0;
  let sawPartialProgress = false;
  while (!done) {
    const ours = assertWholeBatches(await store.readAll(), streams);
    sawPartialProgress ||= ours.length > 0 && ours.length < 360;
    snapshots++;
    await sleep(1);
  }
  await finished;
  assert.is(assertWholeBatches(await store.readAll(), streams).length, 360);
  assert.ok(snapshots > 1 && sawPartialProgress, 'the reader never overlapped the writer');
  await store.close();
});

sqlite('rows whose text is not canonical JSON (as stores before canonical text wrote them) read, verify and extend alike', async () => {
  const path = temporaryDatabase();
  const store = SqliteEventStore.open(path);
  const stream = streamName();
  await store.append(stream, 'no_stream', [proposed('CaseOpened', { b: 1, a: { d: 2, c: [3] } }), proposed('VoteCast', { vote: 'yes' })]);
  const before = await store.readStream(stream);

  // Same values, keys in insertion order with whitespace: what JSON.stringify of the appended objects wrote before.
  const raw = new Database(path);
  const reordered = (text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()), null, 1);
  for (const { data, meta, revision } of raw
    .prepare<[string], { data: string; meta: string; revision: number }>('SELECT * FROM events WHERE stream = ?')
    .all(stream)) {
    raw.prepare('UPDATE events SET data = ?, meta = ? WHERE stream = ? AND revision = ?').run(reordered(data), reordered(meta), stream, revision);
  }
  raw.close();

  assert.equal(await store.readStream(stream), before);
  assert.equal((await store.readAll()).length, 2);
  assert.ok((await verifyStream(store, stream)).ok);
  const next = await store.append(stream, 1, [proposed('CaseClosed')]);
  assert.is(next.events[0]!.meta.prevHash, before[1]!.meta.hash);
  assert.ok((await verifyStream(store, stream)).ok);
  await store.close();
});

sqlite('the stored data and meta columns are canonicalJson of the recorded values, the hash included', async () => {
  const path = temporaryDatabase();
  const store = SqliteEventStore.open(path);
  const stream = streamName();
  const other = { ...CONTEXT, actor: { id: 'sup-2', role: 'supervisor' as const }, runId: 'run-"2"' };
  const { events } = await store.append(stream, 'no_stream', [
    proposed('CaseOpened', { b: 1, a: [2, { d: 'é', c: null }] }),
    { ...proposed('VoteCast'), meta: other },
  ]);
  const raw = new Database(path, { readonly: true });
  const rows = raw.prepare<[string], { data: string; meta: string }>('SELECT data, meta FROM events WHERE stream = ? ORDER BY revision').all(stream);
  raw.close();
  assert.equal(
    rows,
    events.map((event) => ({ data: canonicalJson(event.data), meta: canonicalJson(event.meta) })),
  );
  await store.close();
});

sqlite('streamAll of an empty store yields nothing; of a full one, every event once across many pages', async () => {
  const store = SqliteEventStore.open(temporaryDatabase());
  assert.equal(await collect(store.streamAll()), []);
  const streams = Array.from({ length: 25 }, () => streamName());
  for (const stream of streams) await store.append(stream, 'no_stream', [proposed('CaseOpened'), proposed('BoardConvened'), proposed('CaseClosed')]);
  const all = await store.readAll();
  assert.is(all.length, 75);
  assert.equal(await collect(store.streamAll({ pageSize: 10 })), all);
  assert.equal(await collect(store.streamAll({ pageSize: 75 })), all);
  assert.equal(await collect(store.streamAll()), all);
  await store.close();
});

sqlite('openEventStore: sqlite: paths are relative to the working folder; unknown forms name EVENTSTORE_URL', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'eventstore-'));
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    const store = await openEventStore('sqlite:./data/events.db');
    await store.append('qrb-1', 'no_stream', [proposed('CaseOpened')]);
    await store.close();
  } finally {
    process.chdir(cwd);
  }
  const reopened = SqliteEventStore.open(join(folder, 'data', 'events.db'));
  assert.is((await reopened.readStream('qrb-1')).length, 1);
  await reopened.close();

  const refused = await rejection(openEventStore('postgres://user:secret@db/events'));
  assert.match(refused.message, 'EVENTSTORE_URL');
  assert.match(refused.message, 'sqlite:<path>');
  assert.match(refused.message, 'kurrentdb://');
  assert.not.match(refused.message, 'secret');
  assert.instance(await rejection(openEventStore('sqlite:')), Error);
});

sqlite('openEventStore: the KurrentDB client is loaded for a KurrentDB connection string only', async () => {
  const kurrentLoaded = () => Object.keys(require.cache).some((file) => /kurrentEventStore\.[jt]s$/.test(file));
  const store = await openEventStore(`sqlite:${temporaryDatabase()}`);
  await store.close();
  assert.not.ok(kurrentLoaded(), 'a SQLite store does not load the KurrentDB adapter');
  // The client connects on first use, so no server is needed to see which adapter answers.
  const kurrent = await openEventStore('kurrentdb://127.0.0.1:1?tls=false');
  assert.is(kurrent.constructor.name, 'KurrentEventStore');
  assert.ok(kurrentLoaded());
  await kurrent.close();
});

sqlite.run();

const primitives = suite('hash chain primitives');

primitives('uuidV5 matches the RFC 9562 example', () => {
  assert.is(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  assert.is(eventIdFor('qrb-1', 0), eventIdFor('qrb-1', 0));
  assert.is.not(eventIdFor('qrb-1', 0), eventIdFor('qrb-1', 1));
  assert.is.not(eventIdFor('qrb-1', 0), eventIdFor('qrb-2', 0));
});

primitives('canonicalJson sorts keys at every level and refuses what JSON cannot hold', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [1, { f: null, e: 'x' }], c: true } }), '{"a":{"c":true,"d":[1,{"e":"x","f":null}]},"b":1}');
  assert.throws(() => canonicalJson({ a: undefined }), /\$\.a is undefined/);
  assert.throws(() => canonicalJson({ a: Number.NaN }), /NaN/);
  assert.throws(() => canonicalJson({ a: Infinity }), /Infinity/);
  assert.throws(() => canonicalJson({ a: () => 1 }), /function/);
  assert.throws(() => canonicalJson({ a: new Date(0) }), /Date/);
});

primitives('isCanonicalTextOf says whether a text is canonicalJson of what JSON.parse makes of it, never yes where canonicalJson says no', () => {
  const texts = [
    ['{"a":{"c":true,"d":[1,{"e":"x","f":null}]},"b":1}', true],
    ['{"b":1,"a":2}', false],
    ['{"a":{"c":1,"b":2}}', false],
    ['[{"a":1},{"c":2,"b":3}]', false],
    ['{"a": 1}', false],
    ['{"a":1.0}', false],
    ['{"a":-0}', false],
    ['{"a":1,"a":2}', false],
    ['{"a":"\\u00e9"}', false],
    ['{"a":"é\\n"}', true],
    ['{"":0,"A":1,"a":2,"é":3}', true],
    // Canonical, but JSON.parse puts integer-like keys first: a false no, which sends the row to the full check.
    ['{"10":1,"9":2}', false],
  ] as const;
  for (const [text, expected] of texts) {
    assert.is(isCanonicalTextOf(JSON.parse(text), text), expected, text);
    if (expected) assert.is(canonicalJson(JSON.parse(text)), text, text);
  }
  assert.is(canonicalJson(JSON.parse('{"10":1,"9":2}')), '{"10":1,"9":2}');
});

primitives('canonicalEventText composes exactly canonicalJson of the event; metaWithoutHash takes out only the hash field', () => {
  const meta = { ...CONTEXT, prevHash: GENESIS_HASH };
  const event = { id: eventIdFor('qrb-"1"', 3), stream: 'qrb-"1"', revision: 3, type: 'CaseOpened', schemaVersion: 2, data: { b: [1, 'é\n'], a: null }, meta };
  const text = canonicalEventText({ ...event, dataJson: canonicalJson(event.data), metaJson: canonicalJson(meta) });
  assert.is(text, canonicalJson(event));
  assert.is(hashEventText(GENESIS_HASH, text), hashEvent(GENESIS_HASH, event));

  const hash = 'a'.repeat(64);
  assert.is(metaWithoutHash(canonicalJson({ ...meta, hash }), hash), canonicalJson(meta));
  assert.is(metaWithoutHash(canonicalJson({ ...meta, hash }), 'b'.repeat(64)), undefined);
  assert.is(metaWithoutHash(JSON.stringify({ hash, ...meta }), hash), undefined, 'not canonical: hash first');
});

primitives('canonicalMetaText serialises meta once: unhashed is canonicalJson(meta), withHash is canonicalJson({ ...meta, hash }) byte for byte', () => {
  const hash = 'c'.repeat(64);
  const metas = [{ ...CONTEXT, prevHash: GENESIS_HASH }, { z: 1 }, { a: 1 }, {}, { a: 1, 'hash-like': 2, hasH: 3, i: 4 }];
  for (const meta of metas) {
    const text = canonicalMetaText(meta);
    assert.is(text.unhashed, canonicalJson(meta));
    assert.is(text.withHash(hash), canonicalJson({ ...meta, hash }));
    assert.is(metaWithoutHash(text.withHash(hash), hash) ?? text.unhashed, text.unhashed);
  }
});

primitives('hashEvent depends on the previous hash and on every field', () => {
  const event = {
    id: eventIdFor('qrb-1', 0),
    stream: 'qrb-1',
    revision: 0,
    type: 'CaseOpened',
    schemaVersion: 1,
    data: { a: 1 },
    meta: { ...CONTEXT, prevHash: GENESIS_HASH },
  };
  const hash = hashEvent(GENESIS_HASH, event);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.is(hashEvent(GENESIS_HASH, { ...event, data: { a: 1 } }), hash);
  assert.is.not(hashEvent('1'.repeat(64), event), hash);
  assert.is.not(hashEvent(GENESIS_HASH, { ...event, data: { a: 2 } }), hash);
  assert.is.not(hashEvent(GENESIS_HASH, { ...event, meta: { ...event.meta, runId: 'run-2' } }), hash);
});

primitives.run();
