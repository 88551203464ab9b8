// `npm run bench [-- --only store|audit|e2e|suite|cli|web|faults]`: throughput and latency figures, each
// printed with its ratio to a baseline measured in the same run. Progress goes to
// stderr, figures and the summary table to stdout. Knobs (environment):
//   BENCH_EVENTS       store events (rounded up to whole 6-event QRB streams), default 12000
//   BENCH_BATCH        events per append in the batched store run, default 100
//   BENCH_KEYS_STORED  Idempotency-Keys of the day stored in the store section's keyed-request run, default 100000
//   BENCH_SCALES       store sizes of the audit section (events, comma-separated), default 10000,100000,1000000
//   BENCH_AUDIT_ROUNDS turns of each audit measure and its baseline per size, default 2
//   BENCH_CASES        QRB cases (and no-op workflows) end to end, default 200
//   BENCH_CONCURRENCY  cases in flight at once end to end, default 10
//   BENCH_SOLO_CASES   cases run one at a time for the vote latency at 1 in flight, default 100
//   BENCH_TEMPORAL_SYNC the e2e dev server's SQLite synchronous, FULL (default) or NORMAL
//   BENCH_SUITE_JOBS   test files at once in the suite section, default the cores
//   BENCH_SUITE_FILES  file fragments (comma-separated) the suite section runs, default every file
//   BENCH_CLI_RUNS     runs of `ses --help` and of `node -e 0` (median), default 21
//   BENCH_WEB_RUNS     loads of each page in Chromium (median), default 7
//   BENCH_INBOX_ITEMS  decisions waiting in the busy inbox, default 1000
//   FAULT_KILLS        kill -9 of the worker or the whole stack in the fault run, default 20
//   FAULT_CASES        QRB cases in flight at once during the fault run, default 6
//   FAULT_SEED         the fault run's kill schedule (printed by every run), default random
//   BENCH_JSON         where the figures are written as JSON, default bench/results/bench-<start time>.json
// All data lives in a fresh temp folder, removed at the end; the Temporal dev
// server is stopped on every path, Ctrl-C included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, constants, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createLog, errorMessage } from '../scripts/log';
import { REPO_ROOT } from '../scripts/repoPaths';
import { benchAudit } from './auditBench';
import { benchCli } from './cliBench';
import { benchEndToEnd } from './e2eBench';
import { benchIdempotencyKeys } from './idempotencyKeysBench';
import { benchFaults } from './faultsBench';
import { formatSeconds, formatTable, intFromEnv, type Figure } from './measure';
import { benchStore } from './storeBench';
import { benchSuite } from './suiteBench';
import { benchWeb } from './webBench';

const log = createLog('bench');
const SECTIONS = ['store', 'audit', 'e2e', 'suite', 'cli', 'web', 'faults'] as const;
type Section = (typeof SECTIONS)[number];

/** Every section, or the one named by `--only <section>` (also `--only=e2e`). */
function sectionsToRun(args: string[]): readonly Section[] {
  if (args.length === 0) return SECTIONS;
  const only = args[0] === '--only' && args.length === 2 ? args[1] : args.length === 1 ? /^--only=(.*)$/.exec(args[0]!)?.[1] : undefined;
  const section = SECTIONS.find((s) => s === only);
  if (!section) throw new Error(`usage: npm run bench [-- --only ${SECTIONS.join('|')}] (got: ${args.join(' ')})`);
  return [section];
}

/** Set on Ctrl-C: the signal path then owns the exit, and the failures it causes are not reported. */
let interrupted = false;

const main = async (): Promise<number | null> => {
  const sections = sectionsToRun(process.argv.slice(2));
  const knobs = {
    events: intFromEnv('BENCH_EVENTS', 12_000),
    batch: intFromEnv('BENCH_BATCH', 100),
    cases: intFromEnv('BENCH_CASES', 200),
    concurrency: intFromEnv('BENCH_CONCURRENCY', 10),
    cliRuns: intFromEnv('BENCH_CLI_RUNS', 21),
    webRuns: intFromEnv('BENCH_WEB_RUNS', 7),
    inboxItems: intFromEnv('BENCH_INBOX_ITEMS', 1000),
    faultKills: intFromEnv('FAULT_KILLS', 20),
    faultCases: intFromEnv('FAULT_CASES', 6),
    faultSeed: intFromEnv('FAULT_SEED', Math.floor(Math.random() * 2 ** 31) + 1),
  };
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const dir = mkdtempSync(join(tmpdir(), 'ses-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  // Ctrl-C: stop what the running section registered (the dev server), remove the data, exit.
  const interruptSteps: (() => Promise<void>)[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      // A second Ctrl-C does not wait: the dev server's exit hook and watchdog still stop it.
      log(`${signal} again: exiting now`);
      removeDir();
      process.exit(128 + constants.signals[signal]);
    }
    interrupted = true;
    log(`${signal}: stopping (Ctrl-C again to exit at once) and removing ${dir} ...`);
    void (async () => {
      for (const step of interruptSteps.reverse()) await step().catch((error: unknown) => log(`cleanup: ${errorMessage(error)}`));
      removeDir();
      process.exit(128 + constants.signals[signal]);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const figures: Figure[] = [];
  const report = (figure: Figure) => {
    figures.push(figure);
    const against = figure.ratio === '-' ? '' : `  = ${figure.ratio} of baseline (${figure.baseline})`;
    console.log(`${figure.section}: ${figure.measure}: ${figure.ours}${against}`);
  };
  let ok = true;
  let failure: unknown = null;
  try {
    if (sections.includes('store')) {
      log(`== store: SqliteEventStore vs raw better-sqlite3 (WAL, synchronous=FULL), ${knobs.events} events ==`);
      const sectionStarted = performance.now();
      await benchStore({ dir, events: knobs.events, batch: knobs.batch, log, report });
      await benchIdempotencyKeys({ dir, log, report });
      log(`store section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('audit')) {
      log('== audit: verify --all and the read-model rebuild at scale, vs raw SELECT (+ SHA-256) ==');
      const sectionStarted = performance.now();
      await benchAudit({ dir, log, report });
      log(`audit section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('e2e')) {
      log(`== e2e: Temporal dev server + worker + QRB cases, ${knobs.cases} cases, ${knobs.concurrency} at a time, vs a no-op workflow ==`);
      const sectionStarted = performance.now();
      const e2e = await benchEndToEnd({
        dir,
        cases: knobs.cases,
        concurrency: knobs.concurrency,
        log,
        report,
        onInterrupt: (step) => interruptSteps.push(step),
      });
      ok = e2e.ok;
      log(`e2e section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('suite')) {
      log('== suite: the whole test suite (scripts/run-tests.ts), wall time ==');
      const sectionStarted = performance.now();
      await benchSuite({ log, report });
      log(`suite section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('cli')) {
      log(`== cli: ses --help start-up vs node -e 0, ${knobs.cliRuns} runs each ==`);
      const sectionStarted = performance.now();
      benchCli({ runs: knobs.cliRuns, log, report });
      log(`cli section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('web')) {
      log(`== web: the inbox's first load and with ${knobs.inboxItems} decisions waiting, in Chromium, vs an empty page, ${knobs.webRuns} loads each ==`);
      const sectionStarted = performance.now();
      await benchWeb({ runs: knobs.webRuns, inboxItems: knobs.inboxItems, log, report });
      log(`web section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
    if (sections.includes('faults')) {
      log(`== faults: ${knobs.faultKills} kill -9 of the worker or the whole stack, ${knobs.faultCases} QRB cases at a time through the HTTP API ==`);
      const sectionStarted = performance.now();
      const faults = await benchFaults({
        kills: knobs.faultKills,
        concurrency: knobs.faultCases,
        seed: knobs.faultSeed,
        log,
        report,
        onInterrupt: (step) => interruptSteps.push(step),
      });
      ok &&= faults.ok;
      log(`faults section done in ${formatSeconds((performance.now() - sectionStarted) / 1000)}`);
    }
  } catch (error) {
    failure = error;
  } finally {
    removeDir();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }

  if (interrupted) return null;
  if (figures.length > 0) {
    console.log(`\n${formatTable(figures)}\n`);
    console.log(`figures written to ${writeFigures({ startedAt, sections, knobs, figures })}`);
  }
  console.log(`total run time ${formatSeconds((performance.now() - started) / 1000)}`);
  if (failure !== null) {
    console.error('bench failed:', failure); // with its stack and cause chain
    return 1;
  }
  if (!ok) console.error('bench failed: some case streams did not verify, or the fault run lost, duplicated or broke something (see above)');
  return ok ? 0 : 1;
};

/** The run's figures as JSON beside the table, so two runs (two commits, two machines) can be compared. */
function writeFigures(run: { startedAt: string; sections: readonly Section[]; knobs: Record<string, number>; figures: Figure[] }): string {
  const file = process.env.BENCH_JSON || join(REPO_ROOT, 'bench', 'results', `bench-${run.startedAt.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const machine = { node: process.versions.node, cores: availableParallelism(), memoryBytes: totalmem(), platform: process.platform };
  writeFileSync(file, `${JSON.stringify({ ...run, machine }, null, 2)}\n`);
  return relative(process.cwd(), file) || file;
}

main().then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (error: unknown) => {
    console.error(`bench failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
