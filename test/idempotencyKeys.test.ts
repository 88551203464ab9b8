import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IdempotencyKeys } from '../client/http/idempotencyKeys';
import { toProblem } from '../client/problem';

/**
 * A key taken by an API process killed mid-request (kill -9) is free for the retry at
 * once; while the process that took it runs, the retry hears 409 in-flight.
 */
test('a key whose taker was killed mid-request runs again on retry; a running taker keeps it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-idempotency-'));
  const path = join(dir, 'idempotency.db');
  const modulePath = join(__dirname, '..', 'client', 'http', 'idempotencyKeys.ts');
  // Another API process: takes the key, never answers.
  const taker = spawn(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      '-e',
      `const { IdempotencyKeys } = require(${JSON.stringify(modulePath)}); IdempotencyKeys.open(${JSON.stringify(path)}).once('hr-ana', 'k-1', 'POST /x {}', () => { console.log('taken'); return new Promise(() => {}); });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    taker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('taken') && resolve());
    taker.once('exit', (code) => reject(new Error(`the taker exited (${code}) before taking the key`)));
  });
  const keys = IdempotencyKeys.open(path);
  const answer = async () => ({ status: 200, headers: {}, body: '{"ok":true}' });
  try {
    const whileRunning = await keys.once('hr-ana', 'k-1', 'POST /x {}', answer).then(
      (): never => assert.unreachable('the running taker still holds the key') as never,
      (error: unknown) => toProblem(error),
    );
    assert.is(whileRunning.status, 409);
    assert.is(whileRunning.error, 'idempotency-key.in-flight');

    const exited = new Promise((resolve) => taker.once('exit', resolve));
    taker.kill('SIGKILL');
    await exited;
    const retried = await keys.once('hr-ana', 'k-1', 'POST /x {}', answer);
    assert.is(retried.replayed, false, 'the retry ran');
    assert.is(retried.body, '{"ok":true}');
    assert.is((await keys.once('hr-ana', 'k-1', 'POST /x {}', answer)).replayed, true, 'and its answer is kept');
  } finally {
    taker.kill('SIGKILL');
    keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
