// Section 'audit': the store, verify --all and the read-model rebuild at growing sizes (the scaling
// curve), each against a raw better-sqlite3 baseline over the same file in the same run. Knobs:
//   BENCH_SCALES        store sizes in events, default 10000,100000,1000000
//   BENCH_AUDIT_ROUNDS  turns of each measure and its baseline per size, default 2
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultVerifyThreads, verifyAll } from '../client/auditor/verifyAll';
import { ReadModel } from '../client/readModel/readModel';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { replayQrb } from '../domain/qrb';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { STORED_TEXT_COLUMNS, type StoredRow } from '../eventstore/storedEvents';
import type { Log } from '../scripts/log';
import { formatCount, inTurns, intFromEnv, judged, rateFigure, reachable, type Figure } from './measure';
import { qrbStreams, schemaCheckedRow } from './storeBench';

export interface AuditBenchOptions {
  dir: string;
  log: Log;
  report: (figure: Figure) => void;
}

/** Distinct cases generated once; every size appends renamed copies of them, so generating never weighs on memory or time. */
const TEMPLATE_CASES = 500;
const VERIFY_SECONDS_TARGET = 3;
const VERIFY_TARGET_EVENTS = 1_000_000;

function scalesFromEnv(): number[] {
  const raw = process.env.BENCH_SCALES || '10000,100000,1000000';
  const scales = raw.split(',').map((part) => Number(part.trim()));
  if (scales.some((scale) => !Number.isInteger(scale) || scale < 6)) throw new Error(`BENCH_SCALES=${raw} is not a list of event counts (>= 6)`);
  return scales.sort((a, b) => a - b);
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

interface Measured {
  events: number;
  seconds: Record<'append' | 'fold' | 'verify' | 'rebuild', number>;
  peakRssMb: number;
}

export async function benchAudit({ dir, log, report }: AuditBenchOptions): Promise<void> {
  const scales = scalesFromEnv();
  const rounds = intFromEnv('BENCH_AUDIT_ROUNDS', 2);
  const templates = qrbStreams(TEMPLATE_CASES);
  const eventsPerCase = templates[0]!.events.length;
  const measured: Measured[] = [];
  for (const scale of scales) {
    const cases = Math.ceil(scale / eventsPerCase);
    const events = cases * eventsPerCase;
    const path = join(dir, `audit-${events}.db`);
    const store = SqliteEventStore.open(path);
    const raw = new Database(path, { readonly: true });
    try {
      log(`${formatCount(events)} events (${formatCount(cases)} QRB cases, one append each) ...`);
      const appendStarted = performance.now();
      for (let i = 0; i < cases; i++) {
        const template = templates[i % TEMPLATE_CASES]!;
        await store.append(`${template.stream}-${Math.floor(i / TEMPLATE_CASES)}`, 'no_stream', template.events);
      }
      const appendSeconds = (performance.now() - appendStarted) / 1000;
      report({
        section: 'audit',
        measure: `${formatCount(events)} events: append, ${eventsPerCase} per append`,
        ours: `${formatCount(events / appendSeconds)} events/s (${appendSeconds.toFixed(1)} s)`,
        baseline: '-',
        ratio: '-',
      });

      log(`readAll + fold (streamAll, one stream's run at a time) vs raw SELECT + JSON.parse, and the least a fold reads, ${rounds} turns ...`);
      const raws = rawReads(raw);
      const fold = await inTurns(rounds, {
        raw: () => expectCount('raw rows parsed', raws.selectAndParse(), events),
        checked: () => expectCount('approved cases replayed from schema-checked raw rows', raws.selectCheckAndFold(), cases),
        ours: async () => expectCount('approved cases replayed', await foldEveryCase(store), cases),
      });
      const parseBaseline = { label: 'raw SELECT + JSON.parse', count: events * rounds, seconds: fold.raw, unit: 'rows' };
      report(
        rateFigure('audit', `${formatCount(events)} events: readAll + fold`, { count: events * rounds, seconds: fold.ours, unit: 'events' }, parseBaseline),
      );

      log(`verify --all vs raw SELECT + SHA-256 of every row (one core), and the least a verify checks per row, ${rounds} turns ...`);
      const verify = await inTurns(rounds, {
        raw: () => expectCount('raw rows hashed', raws.selectAndHash(), events),
        least: () => expectCount('raw rows checked', raws.selectCheckAndHash(), events),
        ours: async () => {
          const verified = await verifyAll(store);
          if (!verified.ok) throw new Error(`verify --all found ${verified.totals.broken} broken streams in a store nothing tampered with`);
          expectCount('events verified', verified.totals.eventsVerified, events);
        },
      });
      const verifySeconds = verify.ours / rounds;
      const verifyFigure = rateFigure(
        'audit',
        `${formatCount(events)} events: verify --all (${formatCount(verifySeconds * 1000)} ms each)`,
        { count: events * rounds, seconds: verify.ours, unit: 'events' },
        { label: 'raw SELECT + SHA-256, one core', count: events * rounds, seconds: verify.raw, unit: 'rows' },
      );
      const rawHashSeconds = verify.raw / rounds;
      const leastSeconds = verify.least / rounds;
      // verify --all's threads (one per core from its threshold on): the least check split over as many.
      const threads = defaultVerifyThreads(events);
      const leastOnAll = leastSeconds / threads;
      report(
        events >= VERIFY_TARGET_EVENTS
          ? judged(
              verifyFigure,
              `>= 0.5x and <= ${VERIFY_SECONDS_TARGET} s`,
              verify.raw / verify.ours >= 0.5 && verifySeconds <= VERIFY_SECONDS_TARGET,
              `floor: the raw SELECT + SHA-256 alone takes ${rawHashSeconds.toFixed(1)} s on one core here (${(rawHashSeconds / threads).toFixed(1)} s over ` +
                `${threads} threads at best), but a verify must also read each row as an event: JSON.parse of data and meta and the event schema on the envelope ` +
                `(rule 5; the chain hashes the canonical JSON of the values, rule 4). That least check takes ${leastSeconds.toFixed(1)} s on one core, ` +
                `${leastOnAll.toFixed(1)} s over ${threads} at best; ours took ${verifySeconds.toFixed(1)} s on ${threads} threads, ${(verifySeconds / leastOnAll).toFixed(2)}x ` +
                `that floor (besides it: data and meta proven canonical, the id derived again, the link and position checked)`,
              (leastOnAll <= VERIFY_SECONDS_TARGET && rawHashSeconds / leastOnAll >= 0.5) || verifySeconds < leastOnAll,
            )
          : judged(verifyFigure, '>= 0.5x', verify.raw / verify.ours >= 0.5, 'see the largest size', reachable(rawHashSeconds, verifySeconds, leastOnAll, 0.5)),
      );

      log(`read-model rebuild from zero vs raw SELECT + JSON.parse, ${rounds} turns ...`);
      const rebuild = await inTurns(rounds, {
        raw: () => expectCount('raw rows parsed', raws.selectAndParse(), events),
        ours: async (round) => {
          const model = ReadModel.open(join(dir, `audit-${events}-read-model-${round}.db`));
          try {
            expectCount('events projected', (await model.rebuild(store)).applied, events);
          } finally {
            await model.close();
          }
        },
      });
      report(
        judged(
          rateFigure(
            'audit',
            `${formatCount(events)} events: read-model rebuild from zero`,
            { count: events * rounds, seconds: rebuild.ours, unit: 'events' },
            { label: 'raw SELECT + JSON.parse', count: events * rounds, seconds: rebuild.raw, unit: 'rows' },
          ),
          '>= 0.5x',
          rebuild.raw / rebuild.ours >= 0.5,
          `floor: the rebuild folds every event before it writes it; the least fold (raw rows, JSON.parse, the event schema on each envelope as ` +
            `rule 5 asks, the same domain fold; no store, no writes) reaches ${(fold.raw / fold.checked).toFixed(2)}x of the same baseline in this run, ours ` +
            `(streamAll) ${(fold.raw / fold.ours).toFixed(2)}x; the rebuild takes ${(rebuild.ours / fold.ours).toFixed(2)}x our fold's time ` +
            `(the read model's rows, written once per case per batch of 10,000 in a rebuild)`,
          reachable(fold.raw, rebuild.ours, fold.checked, 0.5),
        ),
      );
      const peak = peakRssMb();
      report({
        section: 'audit',
        measure: `${formatCount(events)} events: process peak RSS so far`,
        ours: `${formatCount(peak)} MB`,
        baseline: '-',
        ratio: '-',
      });
      measured.push({
        events,
        seconds: { append: appendSeconds, fold: fold.ours / rounds, verify: verifySeconds, rebuild: rebuild.ours / rounds },
        peakRssMb: peak,
      });
    } finally {
      raw.close();
      await store.close();
    }
  }
  reportGrowth(measured, report);
}

/** The baselines: the same file read by better-sqlite3 one row at a time, nothing kept. */
function rawReads(db: Database.Database) {
  const all = db.prepare<[], { data: string; meta: string }>('SELECT data, meta FROM events ORDER BY position');
  const whole = db.prepare<[], StoredRow>(`SELECT ${STORED_TEXT_COLUMNS} FROM events ORDER BY events.position`).raw(true);
  return {
    selectAndParse: () => {
      let rows = 0;
      for (const row of all.iterate()) {
        JSON.parse(row.data);
        JSON.parse(row.meta);
        rows++;
      }
      return rows;
    },
    /** What no verify can skip: the row read whole, its JSON parsed, the event schema on its envelope, its hash. */
    selectCheckAndHash: () => {
      let rows = 0;
      for (const row of whole.iterate()) {
        schemaCheckedRow(row);
        createHash('sha256').update(row[6]).update(row[7]).digest('hex');
        rows++;
      }
      return rows;
    },
    /** The least fold: rows read as the store reads them and schema-checked, each case's run folded; the approved cases. */
    selectCheckAndFold: () => {
      const runs = approvedRuns();
      for (const row of whole.iterate()) runs.add(schemaCheckedRow(row));
      return runs.approved();
    },
    selectAndHash: () => {
      let rows = 0;
      for (const row of all.iterate()) {
        createHash('sha256').update(row.data).update(row.meta).digest('hex');
        rows++;
      }
      return rows;
    },
  };
}

/** Every case replayed from streamAll, one stream's run of events at a time (a case is appended whole, so its events stand together). */
async function foldEveryCase(store: SqliteEventStore): Promise<number> {
  const runs = approvedRuns();
  for await (const event of store.streamAll()) runs.add(event);
  return runs.approved();
}

/** Folds each stream's run of events as it comes, holding one run at a time; counts the approved cases. */
function approvedRuns() {
  let approved = 0;
  let run: RecordedEvent[] = [];
  const foldRun = () => {
    if (run.length > 0 && replayQrb(run).status === 'APPROVED') approved++;
    run = [];
  };
  return {
    add: (event: RecordedEvent) => {
      if (run.length > 0 && run[0]!.stream !== event.stream) foldRun();
      run.push(event);
    },
    approved: () => {
      foldRun();
      return approved;
    },
  };
}

/** How each measure's time grew from one size to the next against how the size grew (1.00 is linear), and the peak memory. */
function reportGrowth(measured: readonly Measured[], report: (figure: Figure) => void): void {
  for (let i = 1; i < measured.length; i++) {
    const [from, to] = [measured[i - 1]!, measured[i]!];
    const sizeRatio = to.events / from.events;
    const span = `${formatCount(from.events)} -> ${formatCount(to.events)} events (x${sizeRatio.toFixed(1)})`;
    for (const measure of ['append', 'fold', 'verify', 'rebuild'] as const) {
      const timeRatio = to.seconds[measure] / from.seconds[measure];
      report({
        section: 'audit',
        measure: `growth of ${measure} time, ${span}`,
        ours: `x${timeRatio.toFixed(1)} time`,
        baseline: `x${sizeRatio.toFixed(1)} events`,
        ratio: `${(timeRatio / sizeRatio).toFixed(2)}x`,
      });
    }
    report({
      section: 'audit',
      measure: `growth of process peak RSS, ${span}`,
      ours: `${formatCount(to.peakRssMb)} MB`,
      baseline: `${formatCount(from.peakRssMb)} MB`,
      ratio: `${(to.peakRssMb / from.peakRssMb).toFixed(2)}x`,
    });
  }
}

function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`);
}
