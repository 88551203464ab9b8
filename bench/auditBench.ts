// Section 'audit': the store, verify --all and the read-model rebuild at growing sizes (the scaling
// curve), each against a raw better-sqlite3 baseline over the same file in the same run. Knobs:
//   BENCH_SCALES        store sizes in events, default 10000,100000,1000000
//   BENCH_AUDIT_ROUNDS  turns of each measure and its baseline per size, default 2
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAll } from '../client/auditor/verifyAll';
import { ReadModel } from '../client/readModel/readModel';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { replayQrb } from '../domain/qrb';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { EnvelopeSchema, STORED_TEXT_COLUMNS, type StoredText } from '../eventstore/storedEvents';
import type { Log } from '../scripts/log';
import { formatCount, inTurns, intFromEnv, judged, rateFigure, type Figure } from './measure';
import { qrbStreams } from './storeBench';

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

      log(`readAll + fold (streamAll, one stream's run at a time) vs raw SELECT + JSON.parse, ${rounds} turns ...`);
      const raws = rawReads(raw);
      const fold = await inTurns(rounds, {
        raw: () => expectCount('raw rows parsed', raws.selectAndParse(), events),
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
      report(
        events >= VERIFY_TARGET_EVENTS
          ? judged(
              verifyFigure,
              `>= 0.5x and <= ${VERIFY_SECONDS_TARGET} s`,
              verify.raw / verify.ours >= 0.5 && verifySeconds <= VERIFY_SECONDS_TARGET,
              `floor: the raw SELECT + SHA-256 alone takes ${rawHashSeconds.toFixed(1)} s on one core here (${(rawHashSeconds / 2).toFixed(1)} s over both ` +
                `cores at best), but a verify must also read each row as an event: JSON.parse of data and meta and the event schema on the envelope ` +
                `(rule 5; the chain hashes the canonical JSON of the values, rule 4). That least check takes ${leastSeconds.toFixed(1)} s on one core, ` +
                `${(leastSeconds / 2).toFixed(1)} s over both at best; ours took ${verifySeconds.toFixed(1)} s on both, ${(verifySeconds / (leastSeconds / 2)).toFixed(2)}x ` +
                `that floor (besides it: data and meta proven canonical, the id derived again, the link and position checked)`,
              leastSeconds / 2 <= VERIFY_SECONDS_TARGET && rawHashSeconds / (leastSeconds / 2) >= 0.5,
            )
          : judged(verifyFigure, '>= 0.5x', verify.raw / verify.ours >= 0.5, 'see the largest size', rawHashSeconds / (leastSeconds / 2) >= 0.5),
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
          `floor: the rebuild folds every event before it writes it, and that fold alone (streamAll, schema parse, evolve; no writes) reaches ` +
            `${(fold.raw / fold.ours).toFixed(2)}x of the same baseline in this run; the rebuild takes ${(rebuild.ours / fold.ours).toFixed(2)}x the fold's time ` +
            `(the read model's rows, written once per case per batch of 1,000)`,
          fold.raw / fold.ours >= 0.5,
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
  const whole = db.prepare<[], StoredText>(`SELECT ${STORED_TEXT_COLUMNS} FROM events ORDER BY events.position`);
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
        const meta: unknown = JSON.parse(row.meta);
        JSON.parse(row.data);
        const { id, stream, revision, position, type, schemaVersion } = row;
        if (!EnvelopeSchema.safeParse({ id, stream, revision, position, type, schemaVersion, meta }).success)
          throw new Error(`row ${position} does not fit the event schema`);
        createHash('sha256').update(row.data).update(row.meta).digest('hex');
        rows++;
      }
      return rows;
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
  let approved = 0;
  let run: RecordedEvent[] = [];
  const foldRun = () => {
    if (run.length > 0 && replayQrb(run).status === 'APPROVED') approved++;
    run = [];
  };
  for await (const event of store.streamAll()) {
    if (run.length > 0 && run[0]!.stream !== event.stream) foldRun();
    run.push(event);
  }
  foldRun();
  return approved;
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
