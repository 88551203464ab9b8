// What every bench section shares: a clock, rates and ratios, percentiles,
// bounded concurrency, env knobs and the summary table.

/** One line of the summary table; every cell already formatted. */
export interface Figure {
  section: string;
  measure: string;
  ours: string;
  baseline: string;
  /** ours / baseline, e.g. "0.42x"; "-" when the figure has no baseline. */
  ratio: string;
  /** What issue 14 asks of this figure, e.g. ">= 0.9x" or "p50 < 20 ms"; absent when nothing is asked. */
  target?: string;
  /** Against the target: "met", or "NOT MET - <why>": the floor measured in the same run and how far from it this is. */
  verdict?: string;
}

/**
 * The figure with its target and whether this run met it; a miss says what the same run measured
 * as its floor and why. `reachable` false (the floor itself misses the target) makes the miss
 * "OUT OF REACH": the target cannot be met here by any code that does what the floor does.
 */
export const judged = (figure: Figure, target: string, met: boolean, why: string, reachable = true): Figure => ({
  ...figure,
  target,
  verdict: met ? 'met' : `${reachable ? 'NOT MET' : 'OUT OF REACH'} - ${why}`,
});

/**
 * Whether a rate target (`target`x the baseline) is within reach, given the seconds of the least
 * work every run must do (the floor, measured in the same run): not when the floor itself misses
 * it, unless ours ran faster than that floor, which then was no floor.
 */
export const reachable = (baselineSeconds: number, oursSeconds: number, floorSeconds: number, target: number): boolean =>
  baselineSeconds / floorSeconds >= target || oursSeconds < floorSeconds;

/** Runs `work` and returns its result with the wall-clock seconds it took. */
async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/**
 * Runs the contenders in turns, round after round, and returns each one's total
 * seconds: load from elsewhere on the machine that comes and goes then falls on
 * our code and its baseline alike, instead of on whichever happened to run first.
 */
export async function inTurns<K extends string>(rounds: number, contenders: Record<K, (round: number) => unknown>): Promise<Record<K, number>> {
  const keys = Object.keys(contenders) as K[];
  const seconds = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) seconds[key] += (await timed(() => contenders[key](round))).seconds;
  }
  return seconds;
}

/** The [start, end) share of `total` items that round `round` of `rounds` handles. */
export const roundRange = (total: number, rounds: number, round: number): [number, number] => [
  Math.floor((total * round) / rounds),
  Math.floor((total * (round + 1)) / rounds),
];

/** Milliseconds one call of `work` took, pushed onto `samples`. */
export async function sampled<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    samples.push(performance.now() - started);
  }
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "12,345 events/s"; small rates keep one decimal. */
const formatRate = (perSecond: number, unit: string): string => `${perSecond < 100 ? perSecond.toFixed(1) : formatCount(perSecond)} ${unit}/s`;

const formatRatio = (ours: number, baseline: number): string => `${(ours / baseline).toFixed(2)}x`;

export const formatSeconds = (seconds: number): string =>
  seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;

/** A rate against its same-run baseline, e.g. ours in events/s against raw SQLite rows/s. */
export function rateFigure(
  section: string,
  measure: string,
  ours: { count: number; seconds: number; unit: string },
  baseline: { label: string; count: number; seconds: number; unit: string },
): Figure {
  const oursRate = ours.count / ours.seconds;
  const baselineRate = baseline.count / baseline.seconds;
  return {
    section,
    measure,
    ours: formatRate(oursRate, ours.unit),
    baseline: `${baseline.label}: ${formatRate(baselineRate, baseline.unit)}`,
    ratio: formatRatio(oursRate, baselineRate),
  };
}

/**
 * Runs task(0) .. task(count - 1), at most `concurrency` at a time. The first
 * failure stops new tasks from starting and rejects once it happens.
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** A positive integer from the environment, or the default when unset. */
export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive integer`);
  return value;
}

/** Plain-text table with a header rule; columns sized to their widest cell. */
export function formatTable(figures: readonly Figure[]): string {
  const header: Required<Figure> = {
    section: 'section',
    measure: 'measure',
    ours: 'ours',
    baseline: 'baseline (same run)',
    ratio: 'ours/baseline',
    target: 'target',
    verdict: 'verdict',
  };
  const columns = ['section', 'measure', 'ours', 'baseline', 'ratio', 'target', 'verdict'] as const;
  const rows = [header, ...figures];
  const cell = (row: Figure, column: (typeof columns)[number]) => row[column] ?? '-';
  const widths = columns.map((column) => Math.max(...rows.map((row) => cell(row, column).length)));
  const line = (row: Figure) =>
    columns
      .map((column, i) => cell(row, column).padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  return [line(header), rule, ...figures.map(line)].join('\n');
}
