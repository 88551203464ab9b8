// The `ses` start-up: how long `ses --help` takes as a person runs it (node
// client/bin/ses.js, the compiled CLI in dist/), next to `node -e 0` (Node's own
// start-up, which no CLI can beat) measured in the same run, in turns.
import { execFileSync, spawnSync } from 'node:child_process';
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
const runOnce = (args: string[]): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
};

export function benchCli({ runs, log, report }: CliBenchOptions): void {
  log('building dist/ if stale (npm run build) ...');
  execFileSync(process.execPath, [join(REPO_ROOT, 'client', 'bin', 'build.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const ses = [join(REPO_ROOT, 'client', 'bin', 'ses.js'), '--help'];
  const bare = ['-e', '0'];
  runOnce(ses); // the first run warms the file cache
  runOnce(bare);
  const samples = { ses: [] as number[], bare: [] as number[] };
  log(`ses --help and node -e 0, ${runs} runs each, in turns ...`);
  for (let round = 0; round < runs; round++) {
    samples.ses.push(runOnce(ses));
    samples.bare.push(runOnce(bare));
  }
  const median = (values: number[]) => percentile(values, 50);
  report({
    section: 'cli',
    measure: `ses --help start to exit, median of ${runs}`,
    ours: `${median(samples.ses).toFixed(0)} ms`,
    baseline: `node -e 0: ${median(samples.bare).toFixed(0)} ms`,
    ratio: `${(median(samples.ses) / median(samples.bare)).toFixed(2)}x`,
  });
}
