import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { intFromEnv } from '../bench/measure';
import { runFaults } from './support/faultRun';
import { startKillableStack } from './support/killableStack';

/**
 * kill -9 of the worker and of the whole stack (dev server, worker, API) at seeded random
 * moments while QRB cases run through the HTTP API: every case finishes, each command's
 * event is in its stream exactly once, `verify --all` is intact and each replay equals the
 * live query. FAULT_KILLS (default 3) and FAULT_CASES (cases at once, default 4) size it;
 * FAULT_SEED replays a failed run's kill schedule. The bench-size run: `npm run bench -- --only faults`.
 */
test('kill -9 of the worker and of the whole stack during concurrent cases loses and duplicates nothing', async () => {
  const seed = intFromEnv('FAULT_SEED', Math.floor(Math.random() * 2 ** 31) + 1);
  const kills = intFromEnv('FAULT_KILLS', 3);
  const log = (line: string) => console.error(`[faults] ${line}`);
  log(`seed ${seed} (FAULT_SEED=${seed} repeats the kill schedule), ${kills} kills`);
  const stack = await startKillableStack();
  try {
    const report = await runFaults({ stack, kills, concurrency: intFromEnv('FAULT_CASES', 4), seed, log });
    log(
      `${report.cases} cases, ${report.commands} commands (${report.retried} retried), kills: ${report.kills.map((k) => `${k.target}@${k.afterMs}ms`).join(' ')}`,
    );
    assert.is(report.kills.length, kills);
    assert.equal(report.problems, [], `seed ${seed}`);
    assert.equal(report.serverErrors, [], `seed ${seed}: no 5xx but 503`);
  } finally {
    await stack.stop();
    stack.remove();
  }
});

test.run();
