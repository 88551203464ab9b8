import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { IdempotencyKeys, PRUNE_STATEMENTS } from '../client/http/idempotencyKeys';
import { toProblem } from '../client/problem';
import { queryPlanOf } from './support/queryPlan';

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

test('the next keyed request clears keys past their day and keys never answered past 5 minutes; the others stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-idempotency-'));
  const path = join(dir, 'idempotency.db');
  const keys = IdempotencyKeys.open(path);
  const db = new Database(path);
  try {
    const now = Date.now();
    const minutes = (n: number) => now - n * 60_000;
    const insert = db.prepare('INSERT INTO idempotency_keys (person_id, key, fingerprint, taken_at, answer, taken_by) VALUES (?, ?, ?, ?, ?, ?)');
    const answered = '{"status":200,"headers":{},"body":"{}"}';
    insert.run('hr-ana', 'day-old', 'f', minutes(24 * 60 + 1), answered, process.pid);
    insert.run('hr-ana', 'answered-hours-ago', 'f', minutes(23 * 60), answered, process.pid);
    insert.run('hr-ana', 'unanswered-6-min', 'f', minutes(6), null, process.pid);
    insert.run('hr-ana', 'unanswered-4-min', 'f', minutes(4), null, process.pid);
    await keys.once('m-lee', 'next', 'POST /x {}', async () => ({ status: 200, headers: {}, body: '{}' }));
    const left = (db.prepare('SELECT key FROM idempotency_keys ORDER BY key').all() as { key: string }[]).map((row) => row.key);
    assert.equal(left, ['answered-hours-ago', 'next', 'unanswered-4-min']);
  } finally {
    db.close();
    keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('clearing old keys reads only those rows, through an index, however many keys the day holds (no scan of the table)', async () => {
  for (const [name, sql] of Object.entries(PRUNE_STATEMENTS)) {
    const plan = await queryPlanOf((path) => IdempotencyKeys.open(path).close(), sql, 0);
    assert.ok(
      plan.some((detail) => /^SEARCH idempotency_keys USING (COVERING )?INDEX idempotency_keys_(by_age|unanswered) \(taken_at<\?\)$/.test(detail)),
      `${name}: ${plan.join('; ')}`,
    );
    assert.not.ok(
      plan.some((detail) => detail.startsWith('SCAN')),
      `${name}: ${plan.join('; ')}`,
    );
  }
});

test.run();
