// Section 5: the fault suite at bench size. The stack as `npm start` runs it (dev server,
// built worker and API as child processes), concurrent QRB cases through the HTTP API,
// and FAULT_KILLS (default 20) kill -9 of the worker or of the whole stack; then every
// case, stream, replay and verify --all is checked (test/support/faultRun.ts).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Log } from '../scripts/log';
import { REPO_ROOT } from '../scripts/repoPaths';
import { runFaults } from '../test/support/faultRun';
import { startKillableStack } from '../test/support/killableStack';
import { formatSeconds, type Figure } from './measure';

export interface FaultsBenchOptions {
  kills: number;
  concurrency: number;
  seed: number;
  log: Log;
  report: (figure: Figure) => void;
  /** Registers a step to run if the bench is interrupted (Ctrl-C) while this section runs. */
  onInterrupt: (step: () => Promise<void>) => void;
}

export async function benchFaults({ kills, concurrency, seed, log, report, onInterrupt }: FaultsBenchOptions): Promise<{ ok: boolean }> {
  // The children run dist/: built from the sources about to be judged.
  log('building dist/ (npm run build) ...');
  execFileSync(process.execPath, [join(REPO_ROOT, 'client', 'bin', 'build.js')], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  const stack = await startKillableStack();
  const removeStack = async () => {
    await stack.stop();
    stack.remove();
  };
  onInterrupt(removeStack);
  try {
    log(`seed ${seed} (FAULT_SEED=${seed} repeats the kill schedule)`);
    const started = performance.now();
    const run = await runFaults({ stack, kills, concurrency, seed, log });
    const figure = (measure: string, ours: string): void => report({ section: 'faults', measure, ours, baseline: '-', ratio: '-' });
    figure(
      `kills (seed ${seed})`,
      `${run.kills.filter((k) => k.target === 'worker').length} worker, ${run.kills.filter((k) => k.target === 'stack').length} whole stack`,
    );
    figure('cases, commands (retried)', `${run.cases}, ${run.commands} (${run.retried})`);
    figure('run time', formatSeconds((performance.now() - started) / 1000));
    figure('lost or duplicated events, broken chains, replays unequal', String(run.problems.length));
    figure('5xx answers other than 503', String(run.serverErrors.length));
    for (const line of [...run.problems, ...run.serverErrors]) log(`faults: ${line}`);
    return { ok: run.problems.length === 0 && run.serverErrors.length === 0 };
  } finally {
    await removeStack();
  }
}
