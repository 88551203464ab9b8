// Smoke test of the offline Temporal setup: the time-skipping test server
// (from Maven Central, see scripts/testServer.ts) starts, skips a year of
// server time in a few real seconds, and shuts down.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTimeSkippingEnv } from './support/temporalTestEnv';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

test('time-skipping test server skips a year of server time in seconds', async () => {
  let env: TestWorkflowEnvironment | undefined;
  try {
    env = await createTimeSkippingEnv();
    assert.ok(env.supportsTimeSkipping, 'expected a time-skipping environment');

    const before = await env.currentTimeMs();
    const realStart = Date.now();
    await env.sleep('365 days');
    const realElapsed = Date.now() - realStart;
    const skipped = (await env.currentTimeMs()) - before;

    assert.ok(skipped >= YEAR_MS, `server time advanced only ${skipped} ms, expected at least a year`);
    assert.ok(skipped < YEAR_MS + 60_000, `server time advanced ${skipped} ms, far more than a year`);
    assert.ok(realElapsed < 10_000, `skipping a year took ${realElapsed} ms of real time`);
  } finally {
    await env?.teardown();
  }
});

test.run();
