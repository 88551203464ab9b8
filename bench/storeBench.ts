// Section 1: the SQLite event store against raw better-sqlite3 with the same
// pragmas and the same JSON payloads, each in its own temp file.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, proposedEvent, type ProposedEvent, type RecordedEvent } from '../domain/eventEnvelope';
import { decideQrb, evolveQrb, initialQrbState, qrbStreamName, qrbEventVersion, replayQrb, type QrbCommand, type StoredEventLike } from '../domain/qrb';
import { canonicalEventText, canonicalJson, eventIdFor, hashEventText } from '../eventstore/hashChain';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { EnvelopeSchema, STORED_TEXT_COLUMNS, type StoredRow } from '../eventstore/storedEvents';
import type { Log } from '../scripts/log';
import { AT, allRatings, board, conveneCommand, submission, submitCommand, voteCommand } from '../test/support/qrbFixtures';
import { formatCount, inTurns, judged, rateFigure, reachable, roundRange, type Figure } from './measure';

export interface StoreBenchOptions {
  dir: string;
  /** Rounded up to whole QRB streams of 6 events. */
  events: number;
  /** Events per append (and rows per transaction) in the batched runs. */
  batch: number;
  log: Log;
  report: (figure: Figure) => void;
}

export interface QrbStream {
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
export function qrbStreams(count: number): QrbStream[] {
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

/** Rows through a raw better-sqlite3 connection with our pragmas: single-row commits, batches in one transaction, a full SELECT. */
function rawConnection(db: Database.Database) {
  for (const pragma of PRAGMAS) db.pragma(pragma);
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectChecked = db.prepare<[], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events ORDER BY events.position`).raw(true);
  const selectAll = db.prepare<[], { stream: string; type: string; schema_version: number; data: string; meta: string }>(
    'SELECT * FROM events ORDER BY position',
  );
  return {
    insertOne: (row: RawRow) => insert.run(...row),
    insertMany: db.transaction((rows: RawRow[]) => {
      for (const row of rows) insert.run(...row);
    }),
    readAll: () =>
      selectAll.all().map((row) => ({
        stream: row.stream,
        type: row.type,
        schemaVersion: row.schema_version,
        data: JSON.parse(row.data) as unknown,
        meta: JSON.parse(row.meta) as { occurredAt: string },
      })),
    /** readAll with the check rule 5 asks of every store read, rows read as the store reads them (arrays). */
    readAllChecked: () => selectChecked.all().map(schemaCheckedRow),
    close: () => db.close(),
  };
}

/**
 * A row as the least a store read may do gives it: its JSON parsed and the event schema on its
 * envelope (rule 5; its data is the fold's to parse). The floor of the read and audit benches.
 */
export function schemaCheckedRow([position, stream, revision, id, type, schemaVersion, data, meta]: StoredRow): RecordedEvent {
  const envelope = EnvelopeSchema.safeParse({ id, stream, revision, position, type, schemaVersion, meta: JSON.parse(meta) });
  if (!envelope.success) throw new Error(`raw row ${position} does not fit the event schema`);
  return { ...envelope.data, data: JSON.parse(data) as RecordedEvent['data'] };
}

/** The baseline: a plain table (no unique indexes, no validation, no hashing) in its own file. */
function openRaw(path: string) {
  const db = new Database(path);
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL,
    type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL)`);
  return rawConnection(db);
}

/** The floor: raw INSERTs into the store's own table (its unique indexes on id and on stream + revision) in its own file. */
async function openFloor(path: string) {
  await SqliteEventStore.open(path).close();
  return rawConnection(new Database(path));
}

/**
 * What every event must pay however the store is written: its derived id, the canonical JSON of
 * data and meta and the SHA-256 that chains it to the one before (the hash of the previous call
 * for the same stream, kept here in memory instead of read back).
 */
function chainedRows() {
  const lastHash = new Map<string, string>();
  return (stream: string, revision: number, event: ProposedEvent): RawRow => {
    const id = eventIdFor(stream, revision);
    const dataJson = canonicalJson(event.data);
    const unhashedMeta = { ...event.meta, prevHash: lastHash.get(stream) ?? GENESIS_HASH };
    const text = canonicalEventText({
      id,
      stream,
      revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson,
      metaJson: canonicalJson(unhashedMeta),
    });
    const hash = hashEventText(unhashedMeta.prevHash, text);
    lastHash.set(stream, hash);
    return [stream, revision, id, event.type, event.schemaVersion, dataJson, canonicalJson({ ...unhashedMeta, hash })];
  };
}

/** Every stream's events folded into its QRB state; the count of approved cases. */
function approvedCases<Event extends StoredEventLike & { stream: string }>(events: Iterable<Event>): number {
  const byStream = new Map<string, Event[]>();
  for (const event of events) {
    const list = byStream.get(event.stream) ?? [];
    list.push(event);
    byStream.set(event.stream, list);
  }
  return [...byStream.values()].filter((list) => replayQrb(list).status === 'APPROVED').length;
}

/**
 * The verdict of a rate whose target is `target`x its baseline. A miss names the floors measured
 * in the same run: the store's indexed table alone (when measured), then with everything every event must pay.
 */
function judgedAgainstFloor(
  figure: Figure,
  target: number,
  seconds: { raw: number; ours: number; floor: number; indexed?: number; checked?: number },
  floorWhat: string,
  more = '',
): Figure {
  const ratio = (than: number) => (seconds.raw / than).toFixed(2);
  const indexed =
    seconds.indexed === undefined ? '' : `raw INSERT into the store's table (its unique indexes guard every append) alone reaches ${ratio(seconds.indexed)}x; `;
  return judged(
    figure,
    `>= ${target}x`,
    seconds.raw / seconds.ours >= target,
    `${indexed}${floorWhat} reaches ${ratio(seconds.floor)}x; ours is ${(seconds.floor / seconds.ours).toFixed(2)} of that floor${more ? `; ${more}` : ''}`,
    // Out of reach when some floor misses the target and ours does not beat it (a floor ours beats was no floor).
    [seconds.floor, seconds.checked].every((floor) => floor === undefined || reachable(seconds.raw, seconds.ours, floor, target)),
  );
}

export async function benchStore({ dir, events, batch, log, report }: StoreBenchOptions): Promise<void> {
  const streams = qrbStreams(Math.ceil(events / EVENTS_PER_CASE));
  const appends = interleaved(streams);
  const total = appends.length;
  const rows = appends.map(({ stream, revision, event }) => rawRow(stream, revision, event));
  const meanBytes = rows.reduce((sum, row) => sum + row[5].length + row[6].length, 0) / total;
  log(`${formatCount(total)} events in ${formatCount(streams.length)} QRB streams (mean data+meta JSON ${formatCount(meanBytes)} bytes); files in ${dir}`);
  log(`each measure runs in ${ROUNDS} rounds, baseline, floors and ours taking turns`);
  const share = <T>(items: T[], round: number): T[] => items.slice(...roundRange(items.length, ROUNDS, round));

  const raw = openRaw(join(dir, 'raw-single.db'));
  const rawBatched = openRaw(join(dir, 'raw-batched.db'));
  const indexed = await openFloor(join(dir, 'indexed-single.db'));
  const indexedBatched = await openFloor(join(dir, 'indexed-batched.db'));
  const floor = await openFloor(join(dir, 'floor-single.db'));
  const floorBatched = await openFloor(join(dir, 'floor-batched.db'));
  const store = SqliteEventStore.open(join(dir, 'store-single.db'));
  const batchedStore = SqliteEventStore.open(join(dir, 'store-batched.db'));
  const floorSingleRow = chainedRows();
  try {
    log(
      `(a) one event per commit: ${formatCount(total)} raw INSERTs vs the same into the store's table, without and with hashing, vs ${formatCount(total)} appends at their exact expected revision ...`,
    );
    const single = await inTurns(ROUNDS, {
      raw: (round) => share(rows, round).forEach((row) => raw.insertOne(row)),
      indexed: (round) => share(rows, round).forEach((row) => indexed.insertOne(row)),
      floor: (round) => share(appends, round).forEach(({ stream, revision, event }) => floor.insertOne(floorSingleRow(stream, revision, event))),
      ours: async (round) => {
        for (const { stream, revision, event } of share(appends, round)) await store.append(stream, revision - 1, [event]);
      },
    });
    const singleFigure = rateFigure(
      'store',
      'append, 1 event per commit',
      { count: total, seconds: single.ours, unit: 'events' },
      { label: 'raw INSERT, 1 row per txn', count: total, seconds: single.raw, unit: 'rows' },
    );
    report(judgedAgainstFloor(singleFigure, 0.9, single, 'with the id, canonical JSON and SHA-256 of every event'));

    // Batches of consecutive events (whole cases, in order), each appended to a fresh stream.
    const batches = chunks(
      streams.flatMap((s) => s.events),
      batch,
    ).map((chunk, i) => ({ stream: `bench-batch-${i}`, chunk }));
    const rowBatches = chunks(rows, batch);
    const floorBatchRow = chainedRows();
    log(
      `(b) ${batch} events per append: ${formatCount(rowBatches.length)} raw transactions vs the same into the store's table, without and with hashing, vs ${formatCount(batches.length)} appends to fresh streams ...`,
    );
    const batched = await inTurns(ROUNDS, {
      raw: (round) => share(rowBatches, round).forEach((chunk) => rawBatched.insertMany(chunk)),
      indexed: (round) => share(rowBatches, round).forEach((chunk) => indexedBatched.insertMany(chunk)),
      floor: (round) =>
        share(batches, round).forEach(({ stream, chunk }) => floorBatched.insertMany(chunk.map((event, revision) => floorBatchRow(stream, revision, event)))),
      ours: async (round) => {
        for (const { stream, chunk } of share(batches, round)) await batchedStore.append(stream, 'no_stream', chunk);
      },
    });
    const batchedFigure = rateFigure(
      'store',
      `append, ${batch} events per append`,
      { count: total, seconds: batched.ours, unit: 'events' },
      { label: `raw INSERT, ${batch} rows per txn`, count: total, seconds: batched.raw, unit: 'rows' },
    );
    report(judgedAgainstFloor(batchedFigure, 0.9, batched, 'with the id, canonical JSON and SHA-256 of every event'));

    log(
      `(c) reading everything back ${ROUNDS} times: raw SELECT + JSON.parse vs raw SELECT + JSON.parse + replayQrb per stream vs readAll + replayQrb per stream ...`,
    );
    const read = await inTurns(ROUNDS, {
      raw: () => expectCount('raw SELECT', raw.readAll().length, total),
      floor: () => expectCount('approved cases replayed from raw rows', approvedCases(raw.readAll()), streams.length),
      checked: () => expectCount('approved cases replayed from schema-checked raw rows', approvedCases(raw.readAllChecked()), streams.length),
      ours: async () => expectCount('approved cases replayed', approvedCases(await store.readAll()), streams.length),
    });
    const reads = total * ROUNDS;
    const readFigure = rateFigure(
      'store',
      'readAll + replayQrb fold',
      { count: reads, seconds: read.ours, unit: 'events' },
      { label: 'raw SELECT all + JSON.parse', count: reads, seconds: read.raw, unit: 'rows' },
    );
    report(
      judgedAgainstFloor(
        readFigure,
        0.5,
        read,
        "raw SELECT + JSON.parse + the same replayQrb fold (no store at all, the fold being the domain's own parse and evolve per event)",
        `with the event schema on each row's envelope besides (rule 5: every store read validates, and a row's hash, which whoever changes the row can recompute, cannot stand in for it) it reaches ` +
          `${(read.raw / read.checked).toFixed(2)}x, and ours is ${(read.checked / read.ours).toFixed(2)} of that`,
      ),
    );
  } finally {
    raw.close();
    rawBatched.close();
    indexed.close();
    indexedBatched.close();
    floor.close();
    floorBatched.close();
    await store.close();
    await batchedStore.close();
  }
}

function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`);
}
