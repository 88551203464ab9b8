// The test runner behind `npm test` (package.json runs typecheck and lint first).
//
//   npx tsx scripts/run-tests.ts            run every test/**/*.test.ts
//   npx tsx scripts/run-tests.ts qrb replay  only files whose path contains "qrb" or "replay"
//
// Each test file runs in its own Node process, one after the other: the Temporal
// SDK installs one native runtime per process, and a crashed or hung file cannot
// take the others down. The last line printed is always
// `N passed, N failed, N skipped` (CI reads it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createLog, errorMessage } from './log';
import { fromRepoRoot, REPO_ROOT } from './repoPaths';
import { resolveTemporalCli, temporalCliMissingMessage } from './temporalCli';
import { resolveTestServerLauncher } from './testServer';

const TEST_DIR = path.join(REPO_ROOT, 'test');
/** A file running longer than this is killed and counted as failed. */
const FILE_TIMEOUT_MS = Number(process.env.TEST_FILE_TIMEOUT_SECONDS ?? 300) * 1000;
/** After uvu printed its summary, a file must exit within this (else something was left running). */
const EXIT_GRACE_MS = 30_000;

const log = createLog('test');

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  note: string;
}

interface UvuSummary {
  total: number;
  passed: number;
  skipped: number;
}

let currentChild: { kill(signal: NodeJS.Signals): void } | null = null;
/** Whether the last test output written to our stdout ended a line. */
let endsWithNewline = true;
let interrupted = false;

async function main(): Promise<number> {
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

  log(`Running ${files.length} test file(s), one process each.`);
  for (const [index, file] of files.entries()) {
    if (interrupted) break;
    process.stdout.write(`\n━━ ${file} (${index + 1}/${files.length})\n`);
    const result = await runTestFile(file, childEnv);
    results.push(result);
    if (!endsWithNewline) process.stdout.write('\n'); // e.g. uvu's "• ✘" progress of a killed file
    const status = result.failed ? 'FAILED' : 'ok';
    process.stdout.write(`━━ ${file}: ${status} (${(result.ms / 1000).toFixed(1)} s)${result.note ? ` - ${result.note}` : ''}\n`);
  }
  if (interrupted) results.push({ file: '(interrupted)', passed: 0, failed: 1, skipped: 0, ms: 0, note: 'run stopped by a signal' });

  printTable(results);
  const totals = printFinalLine(results);
  return totals.failed > 0 || totals.passed + totals.failed === 0 ? 1 : 0;
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
    results.push({ file: '(test server setup)', passed: 0, failed: 1, skipped: 0, ms: Date.now() - started, note: errorMessage(error) });
  }

  // Only files that start a real dev server need the CLI (its first build takes minutes).
  const needsCli = files.some((file) => /createLocalEnv|startDevServer|resolveTemporalCli/.test(readText(file)));
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

function runTestFile(file: string, env: NodeJS.ProcessEnv): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    // `node --import tsx` (rather than the tsx CLI) keeps it to one process.
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: REPO_ROOT,
      env,
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
    currentChild = { kill: killGroup };

    let stdout = '';
    let summary: UvuSummary | null = null;
    let timeoutNote = '';
    let graceTimer: NodeJS.Timeout | undefined;
    const stopForcefully = (note: string) => {
      timeoutNote = note;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 5_000).unref();
    };
    const fileTimer = setTimeout(
      () => stopForcefully(`timed out after ${FILE_TIMEOUT_MS / 1000} s (set TEST_FILE_TIMEOUT_SECONDS to change)`),
      FILE_TIMEOUT_MS,
    );

    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      endsWithNewline = chunk[chunk.length - 1] === 0x0a;
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
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));

    child.once('error', (error) => {
      clearTimeout(fileTimer);
      resolve({ file, passed: 0, failed: 1, skipped: 0, ms: Date.now() - started, note: `could not start: ${error.message}` });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(fileTimer);
      clearTimeout(graceTimer);
      currentChild = null;
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
      const exit = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (!summary) {
        const note = timeoutNote || (code === 0 ? 'printed no uvu summary (missing test.run()?)' : `crashed (${exit}) before uvu printed its summary`);
        resolve({ file, passed: 0, failed: 1, skipped: 0, ms, note });
        return;
      }
      const failed = summary.total - summary.passed;
      const result: FileResult = { file, passed: summary.passed, failed, skipped: summary.skipped, ms, note: '' };
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
  if (interrupted) process.exit(130); // second Ctrl-C: leave now
  interrupted = true;
  log(`${signal} received: stopping the current test file (press Ctrl-C again to quit at once) ...`);
  currentChild?.kill('SIGTERM');
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
