// The `ses` start-up: how long `ses --help` and a command take as a person runs them (node
// client/bin/ses.js, the compiled CLI in dist/), next to `node -e 0` (Node's own
// start-up, which no CLI can beat) measured in the same run, in turns.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../scripts/repoPaths';
import { percentile, type Figure } from './measure';

export interface CliBenchOptions {
  /** Runs of each command; the median is reported. */
  runs: number;
  log: (line: string) => void;
  report: (figure: Figure) => void;
}

/** Milliseconds one run of `node args` took to exit; it must exit 0. */
const runOnce = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
};

export function benchCli({ runs, log, report }: CliBenchOptions): void {
  log('building dist/ if stale (npm run build) ...');
  execFileSync(process.execPath, [join(REPO_ROOT, 'client', 'bin', 'build.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const ses = [join(REPO_ROOT, 'client', 'bin', 'ses.js'), '--help'];
  // A command: it loads what every command loads (the Temporal client, the stores, the keys); minting needs no server.
  const command = [join(REPO_ROOT, 'client', 'bin', 'ses.js'), 'token', 'mint', 'hr-ana'];
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-bench-cli-'));
  const commandEnv = { ...process.env, DATA_DIR: dataDir };
  const bare = ['-e', '0'];
  try {
    runOnce(ses); // the first runs warm the file cache (and the command makes its signing key)
    runOnce(command, commandEnv);
    runOnce(bare);
    const samples = { ses: [] as number[], command: [] as number[], bare: [] as number[] };
    log(`ses --help, ses token mint and node -e 0, ${runs} runs each, in turns ...`);
    for (let round = 0; round < runs; round++) {
      samples.ses.push(runOnce(ses));
      samples.command.push(runOnce(command, commandEnv));
      samples.bare.push(runOnce(bare));
    }
    const median = (values: number[]) => percentile(values, 50);
    for (const [measure, values] of [
      [`ses --help start to exit, median of ${runs}`, samples.ses],
      [`ses token mint start to exit (a command: the Temporal client, the stores and the keys loaded), median of ${runs}`, samples.command],
    ] as const) {
      report({
        section: 'cli',
        measure,
        ours: `${median(values).toFixed(0)} ms`,
        baseline: `node -e 0: ${median(samples.bare).toFixed(0)} ms`,
        ratio: `${(median(values) / median(samples.bare)).toFixed(2)}x`,
      });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
