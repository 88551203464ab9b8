// Section 1: the SQLite event store against raw better-sqlite3 with the same
// pragmas and the same JSON payloads, each in its own temp file.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, proposedEvent, type ProposedEvent, type RecordedEvent } from '../domain/eventEnvelope';
import { decideQrb, evolveQrb, initialQrbState, qrbStreamName, qrbEventVersion, replayQrb, type QrbCommand } from '../domain/qrb';
import { ReadModel } from '../client/readModel/readModel';
import { eventIdFor } from '../eventstore/hashChain';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { verifyStream } from '../eventstore/verifyStream';
import type { Log } from '../scripts/log';
import { AT, allRatings, board, conveneCommand, submission, submitCommand, voteCommand } from '../test/support/qrbFixtures';
import { formatCount, inTurns, rateFigure, roundRange, type Figure } from './measure';

export interface StoreBenchOptions {
  dir: string;
  /** Rounded up to whole QRB streams of 6 events. */
  events: number;
  /** Events per append (and rows per transaction) in the batched runs. */
  batch: number;
  log: Log;
  report: (figure: Figure) => void;
}

interface QrbStream {
  stream: string;
  events: ProposedEvent[];
}

/** The columns both stores write, as our store would write them (meta with its 64-hex hashes). */
type RawRow = [stream: string, revision: number, id: string, type: string, schemaVersion: number, data: string, meta: string];

const EVENTS_PER_CASE = 6;
/** Baseline and ours take turns this many times per measure (see inTurns). */
const ROUNDS = 4;
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL'];

/**
 * One approved QRB case per stream, made the way the workflow makes them: the
 * real decider and evolve over submit, convene and three votes, each event with
 * the meta eventSourcedCase gives it.
 */
function qrbStreams(count: number): QrbStream[] {
  const meets = allRatings('ecq-2025');
  const members = board().members.map((member) => member.id);
  return Array.from({ length: count }, (_, i) => {
    const caseId = `BENCH-${String(i).padStart(6, '0')}`;
    const workflowId = qrbStreamName(caseId);
    const runId = randomUUID();
    const at = (step: number) => new Date(Date.parse(AT) + i * 1_000 + step * 3_600_000).toISOString();
    const commands: [QrbCommand, string][] = [
      [submitCommand(submission({ caseId }), at(0)), 'start'],
      [conveneCommand(board(), at(1)), randomUUID()],
      ...members.map((id, k): [QrbCommand, string] => [voteCommand(id, meets, at(2 + k)), randomUUID()]),
    ];
    let state = initialQrbState;
    const events: ProposedEvent[] = [];
    for (const [command, causationId] of commands) {
      const decision = decideQrb(state, command);
      if (!decision.ok) throw new Error(`the decider refused ${command.type} for ${caseId}: ${decision.error.message}`);
      for (const event of decision.events) {
        state = evolveQrb(state, event);
        events.push(
          proposedEvent(event, qrbEventVersion(event.type), {
            actor: command.actor,
            workflowId,
            runId,
            correlationId: workflowId,
            causationId,
            policyVersion: state.policyVersion!,
          }),
        );
      }
    }
    if (events.length !== EVENTS_PER_CASE || state.status !== 'APPROVED') {
      throw new Error(`generated case ${caseId} has ${events.length} events and ends ${state.status}`);
    }
    return { stream: workflowId, events };
  });
}

/** Every event as a one-event append at its exact expected revision, streams interleaved as concurrent cases write them. */
function interleaved(streams: QrbStream[]): { stream: string; revision: number; event: ProposedEvent }[] {
  return Array.from({ length: EVENTS_PER_CASE }, (_, revision) => streams.map(({ stream, events }) => ({ stream, revision, event: events[revision]! }))).flat();
}

function rawRow(stream: string, revision: number, event: ProposedEvent): RawRow {
  const meta = { ...event.meta, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
  return [stream, revision, eventIdFor(stream, revision), event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(meta)];
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** The baseline: a plain table (no unique indexes, no validation, no hashing) in its own file. */
function openRaw(path: string) {
  const db = new Database(path);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectAll = db.prepare<[], { data: string; meta: string }>('SELECT * FROM events ORDER BY position');
  return {
    insertOne: (row: RawRow) => insert.run(...row),
    insertMany: db.transaction((rows: RawRow[]) => {
      for (const row of rows) insert.run(...row);
    }),
    readAll: () => selectAll.all().map((row) => ({ ...row, data: JSON.parse(row.data) as unknown, meta: JSON.parse(row.meta) as unknown })),
    close: () => db.close(),
  };
}

export async function benchStore({ dir, events, batch, log, report }: StoreBenchOptions): Promise<void> {
  const streams = qrbStreams(Math.ceil(events / EVENTS_PER_CASE));
  const appends = interleaved(streams);
  const total = appends.length;
  const rows = appends.map(({ stream, revision, event }) => rawRow(stream, revision, event));
  const meanBytes = rows.reduce((sum, row) => sum + row[5].length + row[6].length, 0) / total;
  log(`${formatCount(total)} events in ${formatCount(streams.length)} QRB streams (mean data+meta JSON ${formatCount(meanBytes)} bytes); files in ${dir}`);
  log(`each measure runs in ${ROUNDS} rounds, baseline and ours taking turns`);
  const share = <T>(items: T[], round: number): T[] => items.slice(...roundRange(items.length, ROUNDS, round));

  const raw = openRaw(join(dir, 'raw-single.db'));
  const rawBatched = openRaw(join(dir, 'raw-batched.db'));
  const store = SqliteEventStore.open(join(dir, 'store-single.db'));
  const batchedStore = SqliteEventStore.open(join(dir, 'store-batched.db'));
  try {
    log(`(a) one event per commit: ${formatCount(total)} raw INSERTs vs ${formatCount(total)} appends at their exact expected revision ...`);
    const single = await inTurns(ROUNDS, {
      raw: (round) => share(rows, round).forEach((row) => raw.insertOne(row)),
      ours: async (round) => {
        for (const { stream, revision, event } of share(appends, round)) await store.append(stream, revision - 1, [event]);
      },
    });
    report(
      rateFigure(
        'store',
        'append, 1 event per commit',
        { count: total, seconds: single.ours, unit: 'events' },
        {
          label: 'raw INSERT, 1 row per txn',
          count: total,
          seconds: single.raw,
          unit: 'rows',
        },
      ),
    );

    // Batches of consecutive events (whole cases, in order), each appended to a fresh stream.
    const batches = chunks(
      streams.flatMap((s) => s.events),
      batch,
    ).map((chunk, i) => ({ stream: `bench-batch-${i}`, chunk }));
    const rowBatches = chunks(rows, batch);
    log(`(b) ${batch} events per append: ${formatCount(rowBatches.length)} raw transactions vs ${formatCount(batches.length)} appends to fresh streams ...`);
    const batched = await inTurns(ROUNDS, {
      raw: (round) => share(rowBatches, round).forEach((chunk) => rawBatched.insertMany(chunk)),
      ours: async (round) => {
        for (const { stream, chunk } of share(batches, round)) await batchedStore.append(stream, 'no_stream', chunk);
      },
    });
    report(
      rateFigure(
        'store',
        `append, ${batch} events per append`,
        { count: total, seconds: batched.ours, unit: 'events' },
        {
          label: `raw INSERT, ${batch} rows per txn`,
          count: total,
          seconds: batched.raw,
          unit: 'rows',
        },
      ),
    );

    log(
      `(c, d, e) reading everything back ${ROUNDS} times: raw SELECT + JSON.parse vs readAll + replayQrb per stream vs verifyStream per stream vs a read-model rebuild from zero ...`,
    );
    const read = await inTurns(ROUNDS, {
      raw: () => expectCount('raw SELECT', raw.readAll().length, total),
      fold: async () => {
        const byStream = new Map<string, RecordedEvent[]>();
        for (const event of await store.readAll()) {
          const list = byStream.get(event.stream) ?? [];
          list.push(event);
          byStream.set(event.stream, list);
        }
        const approved = [...byStream.values()].filter((list) => replayQrb(list).status === 'APPROVED').length;
        expectCount('approved cases replayed', approved, streams.length);
      },
      verify: async () => {
        let verified = 0;
        for (const { stream } of await store.listStreams()) {
          const result = await verifyStream(store, stream);
          if (!result.ok) throw new Error(`verifyStream(${stream}) failed at revision ${result.brokenRevision}: ${result.reason}`);
          verified += result.events;
        }
        expectCount('events verified', verified, total);
      },
      // What the inbox and reports cost to rebuild: every event folded and projected, one transaction each.
      project: async (round) => {
        const model = ReadModel.open(join(dir, `read-model-${round}.db`));
        try {
          expectCount('events projected', (await model.rebuild(store)).applied, total);
        } finally {
          await model.close();
        }
      },
    });
    const reads = total * ROUNDS;
    const readBaseline = { label: 'raw SELECT all + JSON.parse', count: reads, seconds: read.raw, unit: 'rows' };
    report(rateFigure('store', 'readAll + replayQrb fold', { count: reads, seconds: read.fold, unit: 'events' }, readBaseline));
    report(rateFigure('store', 'verifyStream, every stream', { count: reads, seconds: read.verify, unit: 'events' }, readBaseline));
    report(rateFigure('store', 'read-model rebuild from zero', { count: reads, seconds: read.project, unit: 'events' }, readBaseline));
  } finally {
    raw.close();
    rawBatched.close();
    await store.close();
    await batchedStore.close();
  }
}

function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`);
}
