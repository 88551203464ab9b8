// The test runner behind `npm test` (package.json runs typecheck and lint first).
//
//   npx tsx scripts/run-tests.ts            run every test/**/*.test.ts
//   npx tsx scripts/run-tests.ts qrb replay  only files whose path contains "qrb" or "replay"
//   TEST_JOBS=1 npx tsx scripts/run-tests.ts one file at a time, output streamed live
//
// Each test file runs in its own Node process: the Temporal SDK installs one
// native runtime per process, and a crashed or hung file cannot take the others
// down. Files are independent (own temp store, own servers on free ports), so
// TEST_JOBS of them (default: the machine's cores) run at once, the longest
// first (times of the last run that let them finish, .cache/test-times.json). A parallel file's
// output is held back and printed whole when it ends, so files never interleave.
// Each test is timed too (scripts/timeEachTest.cjs): the run ends naming the slowest tests and how much of
// the files' time their tests themselves took.
// The last line printed is always `N passed, N failed, N skipped` (CI reads it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { createLog, errorMessage } from './log';
import { cachePath, fromRepoRoot, REPO_ROOT } from './repoPaths';
import { resolveTemporalCli, temporalCliMissingMessage } from './temporalCli';
import { resolveTestServerLauncher } from './testServer';
import { slowestOf, testsOf, titleOf, type TestTime } from './testTimes';

const TEST_DIR = path.join(REPO_ROOT, 'test');
/** A file running longer than this is killed and counted as failed. */
const FILE_TIMEOUT_MS = Number(process.env.TEST_FILE_TIMEOUT_SECONDS ?? 300) * 1000;
/** After uvu printed its summary, a file must exit within this (else something was left running). */
const EXIT_GRACE_MS = 30_000;
/** How many files run at once. */
const JOBS = Math.max(1, Number(process.env.TEST_JOBS ?? availableParallelism()) || 1);
/** Each file's time in the last run that let it finish: the slowest start first, so no long file is left for the end. */
const TIMES_FILE = cachePath('test-times.json');
/** Where to write the run's results as JSON too (the bench's 'suite' section reads them); unset: nowhere. */
const REPORT_FILE = process.env.TEST_REPORT_JSON;

const log = createLog('test');
/** Where each file's test times go (TEST_TIMES_FILE), one file each. */
const TIMES_DIR = fs.mkdtempSync(path.join(tmpdir(), 'ses-test-times-'));
const TIME_EACH_TEST = path.join(__dirname, 'timeEachTest.cjs');

export interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  /** Each test's own time, hooks (servers, browsers) and the process's start left out. */
  tests: TestTime[];
  note: string;
}

/** What TEST_REPORT_JSON receives. */
export interface SuiteReport {
  jobs: number;
  wallMs: number;
  files: FileResult[];
}

interface UvuSummary {
  total: number;
  passed: number;
  skipped: number;
}

/** One file's output, in arrival order, for printing whole when the file ends. */
type Output = { stream: NodeJS.WriteStream; chunk: Buffer }[];

const running = new Set<{ file: string; kill(signal: NodeJS.Signals): void }>();
/** Files stopped by us (timed out, interrupted) or never started: their times say nothing of how long they take. */
const stopped = new Set<string>();
let interrupted = false;
/** Whether a live file's (TEST_JOBS=1) last stdout chunk left its line open. */
let liveLineOpen = false;

async function main(): Promise<number> {
  const started = Date.now();
  const filters = process.argv.slice(2);
  const files = findTestFiles(TEST_DIR).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  if (files.length === 0) {
    log(filters.length ? `No test file matches ${filters.map((f) => `"${f}"`).join(' or ')}.` : 'No test/**/*.test.ts files found.');
    printFinalLine([]);
    return 1;
  }

  const results: FileResult[] = [];
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  if (process.stdout.isTTY && !('NO_COLOR' in process.env)) childEnv.FORCE_COLOR = '1'; // keep uvu's colours through the pipe
  await provisionTemporal(files, childEnv, results);

  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));

  const jobs = Math.min(JOBS, files.length);
  const lastTimes = readTimes();
  // Unknown files (new ones) count as slow: they start early rather than last.
  const queue = [...files].sort((a, b) => (lastTimes[b] ?? Infinity) - (lastTimes[a] ?? Infinity) || a.localeCompare(b));
  log(`Running ${files.length} test file(s), one process each, ${jobs} at a time (TEST_JOBS).`);
  const live = jobs === 1;
  // Every file shares the machine with the others, the fault suite (test/faults.*) too: its kill -9s go
  // only to processes it started itself (its worker and API by their handles, its dev server by that
  // server's own detached process group; test/support/killableStack.ts), and its stack has its own temp
  // dir and free ports. Load only slows its cases, which it waits for; it passed in two full parallel
  // runs. (A restarted dev server takes its old port again: another file could grab that port in the
  // moment between; startServer retries for 5 s.)
  const runNext = async (): Promise<void> => {
    for (let file = queue.shift(); file && !interrupted; file = queue.shift()) {
      if (live) process.stdout.write(`\n━━ ${file} (${results.length + 1}/${files.length})\n`);
      const output: Output = [];
      const result = await runTestFile(file, childEnv, live ? null : output);
      results.push(result);
      printFileEnd(file, result, output, `${results.length}/${files.length}`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, runNext));
  if (interrupted) results.push({ file: '(interrupted)', passed: 0, failed: 1, skipped: 0, ms: 0, tests: [], note: 'run stopped by a signal' });

  writeTimes(
    lastTimes,
    results.filter((r) => !stopped.has(r.file)),
  );
  results.sort((a, b) => a.file.localeCompare(b.file));
  printTable(results);
  fs.rmSync(TIMES_DIR, { recursive: true, force: true });
  const sum = results.reduce((total, r) => total + r.ms, 0);
  printTestTimes(results, sum);
  const wallMs = Date.now() - started;
  const report: SuiteReport = { jobs, wallMs, files: results };
  if (REPORT_FILE) fs.writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`wall time ${seconds(wallMs)} with ${jobs} job(s) (TEST_JOBS); the files' times add up to ${seconds(sum)}\n`);
  const totals = printFinalLine(results);
  return totals.failed > 0 || totals.passed + totals.failed === 0 ? 1 : 0;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const endsLine = (chunk: Buffer): boolean => chunk[chunk.length - 1] === 0x0a;

/** A file's held-back output (none when it was streamed live), then its verdict and time. */
function printFileEnd(file: string, result: FileResult, output: Output, progress: string): void {
  if (output.length > 0) process.stdout.write(`\n━━ ${file} (${progress})\n`);
  for (const { stream, chunk } of output) stream.write(chunk);
  const last = output.filter((o) => o.stream === process.stdout).at(-1)?.chunk;
  if (last ? !endsLine(last) : liveLineOpen) process.stdout.write('\n'); // e.g. uvu's "• ✘" progress of a killed file
  liveLineOpen = false;
  const status = result.failed ? 'FAILED' : 'ok';
  process.stdout.write(`━━ ${file}: ${status} (${seconds(result.ms)})${result.note ? ` - ${result.note}` : ''}\n`);
}

function readTimes(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(TIMES_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {}; // first run, or the cache was cleared
  }
}

function writeTimes(previous: Record<string, number>, results: FileResult[]): void {
  const times = { ...previous };
  for (const r of results) if (r.file.endsWith('.test.ts')) times[r.file] = r.ms;
  try {
    fs.mkdirSync(path.dirname(TIMES_FILE), { recursive: true });
    fs.writeFileSync(TIMES_FILE, `${JSON.stringify(times, null, 2)}\n`);
  } catch (error) {
    log(`Could not save the file times (${errorMessage(error)}); the next run orders files by name.`);
  }
}

/**
 * Resolve Temporal binaries once, before any test, so progress (and a first-time
 * download or build) is shown here rather than inside a test with a timeout.
 * Children get the paths through environment variables and skip resolution.
 */
async function provisionTemporal(files: string[], env: NodeJS.ProcessEnv, results: FileResult[]): Promise<void> {
  const started = Date.now();
  log('Resolving the Temporal time-skipping test server ...');
  try {
    env.TEMPORAL_TEST_SERVER_PATH = await resolveTestServerLauncher(log);
    log(`Test server: ${fromRepoRoot(env.TEMPORAL_TEST_SERVER_PATH)}`);
  } catch (error) {
    log(`Cannot provide the test server: ${errorMessage(error)}`);
    results.push({ file: '(test server setup)', passed: 0, failed: 1, skipped: 0, ms: Date.now() - started, tests: [], note: errorMessage(error) });
  }

  // Only files that start a real dev server need the CLI (its first build takes minutes).
  const needsCli = files.some((file) => /createLocalEnv|startDevServer|resolveTemporalCli|server: 'dev'/.test(readText(file)));
  if (!needsCli) return;
  log('Some tests use the Temporal dev server: resolving the `temporal` CLI ...');
  try {
    const cli = await resolveTemporalCli(log);
    if (cli) {
      env.TEMPORAL_CLI_PATH = cli;
      log(`Temporal CLI: ${fromRepoRoot(cli)}`);
    } else {
      log(temporalCliMissingMessage());
    }
  } catch (error) {
    log(temporalCliMissingMessage(error));
  }
}

/** Runs one file; its output goes to `output` when given, else straight to ours. */
function runTestFile(file: string, env: NodeJS.ProcessEnv, output: Output | null): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timesFile = path.join(TIMES_DIR, `${file.replace(/[^\w.-]/g, '_')}.jsonl`);
    // `node --import tsx` (rather than the tsx CLI) keeps it to one process.
    const child = spawn(process.execPath, ['--import', 'tsx', '--require', TIME_EACH_TEST, file], {
      cwd: REPO_ROOT,
      env: { ...env, TEST_TIMES_FILE: timesFile },
      detached: true, // own process group, so a kill also reaches servers it started
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const handle = { file, kill: killGroup };
    running.add(handle);

    let stdout = '';
    let summary: UvuSummary | null = null;
    let timeoutNote = '';
    let graceTimer: NodeJS.Timeout | undefined;
    const stopForcefully = (note: string) => {
      timeoutNote = note;
      stopped.add(file);
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 5_000).unref();
    };
    const fileTimer = setTimeout(
      () => stopForcefully(`timed out after ${FILE_TIMEOUT_MS / 1000} s (set TEST_FILE_TIMEOUT_SECONDS to change)`),
      FILE_TIMEOUT_MS,
    );

    child.stdout.on('data', (chunk: Buffer) => {
      if (output) output.push({ stream: process.stdout, chunk });
      else {
        process.stdout.write(chunk);
        liveLineOpen = !endsLine(chunk);
      }
      stdout = (stdout + chunk.toString()).slice(-200_000); // the summary is at the end
      if (summary) return;
      summary = parseUvuSummary(stdout);
      if (summary) {
        graceTimer = setTimeout(
          () => stopForcefully(`did not exit within ${EXIT_GRACE_MS / 1000} s after its tests finished (a worker, server or connection left open?)`),
          EXIT_GRACE_MS,
        );
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output ? output.push({ stream: process.stderr, chunk }) : process.stderr.write(chunk)));

    child.once('error', (error) => {
      clearTimeout(fileTimer);
      stopped.add(file);
      resolve({ file, passed: 0, failed: 1, skipped: 0, ms: Date.now() - started, tests: [], note: `could not start: ${error.message}` });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(fileTimer);
      clearTimeout(graceTimer);
      running.delete(handle);
      killGroup('SIGKILL'); // anything the file started and left behind
      // Let the pipes drain (so all output is shown), but do not wait forever
      // if something outside the group still holds them.
      const drained = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 5_000);
      child.once('close', () => {
        clearTimeout(drained);
        finish(code, signal);
      });
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      summary = parseUvuSummary(stdout);
      const ms = Date.now() - started;
      const tests = readTestTimes(timesFile);
      const exit = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (!summary) {
        const note = timeoutNote || (code === 0 ? 'printed no uvu summary (missing test.run()?)' : `crashed (${exit}) before uvu printed its summary`);
        resolve({ file, passed: 0, failed: 1, skipped: 0, ms, tests, note });
        return;
      }
      const failed = summary.total - summary.passed;
      const result: FileResult = { file, passed: summary.passed, failed, skipped: summary.skipped, ms, tests, note: '' };
      if (timeoutNote) {
        result.failed += 1;
        result.note = timeoutNote;
      } else if (code !== 0 && failed === 0) {
        // e.g. an unhandled rejection after the last test
        result.failed += 1;
        result.note = `all tests passed but the process ended with ${exit}`;
      }
      resolve(result);
    };
  });
}

/** The times scripts/timeEachTest.cjs wrote for one file (none if it wrote none; a line cut short by a kill left out). */
function readTestTimes(file: string): TestTime[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as TestTime] : [];
    } catch {
      return [];
    }
  });
}

/** How much of the files' time their tests took, and the slowest tests. */
function printTestTimes(results: FileResult[], filesMs: number): void {
  const tests = testsOf(results);
  if (tests.length === 0) return;
  const inTests = tests.reduce((total, t) => total + t.ms, 0);
  const slowest = slowestOf(tests, 5);
  const lines = [
    `the tests themselves took ${seconds(inTests)} of the files' ${seconds(filesMs)} (the rest: starting Node, imports, servers and browsers in hooks)`,
    'slowest tests:',
    ...slowest.map((t) => `  ${seconds(t.ms).padStart(7)}  ${t.file}: ${titleOf(t, 100)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * uvu ends its output with (colours aside):
 *     Total:     3
 *     Passed:    2
 *     Skipped:   0
 *     Duration:  12.34ms
 * Its colour codes sit around the labels, so strip them first. With several
 * summaries (shouldn't happen) the last one wins.
 */
function parseUvuSummary(output: string): UvuSummary | null {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const pattern = /^\s*Total:\s+(\d+)\s*\n\s*Passed:\s+(\d+)\s*\n\s*Skipped:\s+(\d+)\s*$/gm;
  let match: RegExpExecArray | null;
  let last: UvuSummary | null = null;
  while ((match = pattern.exec(plain))) {
    last = { total: Number(match[1]), passed: Number(match[2]), skipped: Number(match[3]) };
  }
  return last;
}

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path.relative(REPO_ROOT, full).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}

function readText(file: string): string {
  try {
    return fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  } catch {
    return '';
  }
}

function interrupt(signal: NodeJS.Signals): void {
  if (interrupted) {
    // Second Ctrl-C: leave now, but not the files' detached process groups behind.
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  }
  interrupted = true;
  log(`${signal} received: stopping the running test files (press Ctrl-C again to quit at once) ...`);
  for (const child of running) {
    stopped.add(child.file);
    child.kill('SIGTERM');
  }
}

function printTable(results: FileResult[]): void {
  const width = Math.max(4, ...results.map((r) => r.file.length));
  const row = (file: string, passed: string, failed: string, skipped: string, time: string, note: string) =>
    `${file.padEnd(width)}  ${passed.padStart(6)}  ${failed.padStart(6)}  ${skipped.padStart(7)}  ${time.padStart(8)}  ${note}`.trimEnd();
  const lines = [
    '',
    row('file', 'passed', 'failed', 'skipped', 'time', ''),
    '-'.repeat(width + 37),
    ...results.map((r) =>
      row(r.file, String(r.passed), String(r.failed), String(r.skipped), `${(r.ms / 1000).toFixed(1)} s`, r.failed ? `FAIL ${r.note}` : r.note),
    ),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function printFinalLine(results: FileResult[]): { passed: number; failed: number; skipped: number } {
  const totals = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  // Plain text, no colour, last line of the run: CI parses it.
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  return totals;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.stdout.write('0 passed, 1 failed, 0 skipped\n');
    process.exitCode = 1;
  },
);
