import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { Audit } from '../../client/audit';
import { CheckpointKey } from '../../client/auditor/checkpointKey';
import { Checkpoints } from '../../client/auditor/checkpoints';
import { ProcessCases, casesOfEveryProcess, type AnyProcessCases } from '../../client/processCases';
import type { ProcessCommand, ProcessDefinition, ProcessEvent } from '../../domain/processDefinition';
import { qrbDefinition, type QrbAction, type QrbCommand, type QrbEvent, type QrbState, type QrbSubmission } from '../../domain/qrb';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import type { Tracing } from '../../client/observability/tracing';
import { temporalClient } from '../../client/temporalConnection';
import { createWorker } from '../../worker/createWorker';
import { createLocalEnv, createTimeSkippingEnv } from './temporalTestEnv';
import { testDataConverter } from './testKeyring';
import { workflowBundle } from './workflowBundle';

export interface TestStack {
  env: TestWorkflowEnvironment;
  /** The data converter of the stack's worker and clients (payloads sealed); a test's own worker or client takes it too. */
  dataConverter: DataConverter;
  store: SqliteEventStore;
  storePath: string;
  taskQueue: string;
  /** QRB cases, typed, on the server's clock (as `casesOf(qrbDefinition)`). */
  qrb: ProcessCases<QrbState, QrbCommand, QrbEvent, QrbSubmission, QrbAction>;
  /** start / act / status for every process, by name, on the server's clock. */
  processes: Map<string, AnyProcessCases>;
  /** start / act / status for one process, typed by its definition, on the server's clock. */
  casesOf<S, C extends ProcessCommand, E extends ProcessEvent, Start, Action extends { type: string }>(
    definition: ProcessDefinition<S, C, E, Start, Action>,
  ): ProcessCases<S, C, E, Start, Action>;
  audit: Audit;
  /**
   * A workflow's result without time skipping. The time-skipping client's result()
   * lets the server skip ahead, by years when nothing is scheduled, even for a
   * workflow that has already completed; time the test skips on purpose uses env.sleep.
   */
  result<T = unknown>(workflowId: string): Promise<T>;
  /** The test server's current time as an ISO instant (it runs ahead of the wall clock as tests skip). */
  now(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * TEST_CLOCK_UTC_HOUR=<0-23>: the server's clock is first skipped ahead to that hour (UTC) of the day, so a
 * test can be tried at any time of day whenever it runs; e.g. 2, when the agencies' calendar days (US time
 * zones) are a day behind UTC's. Unset: the clock starts at the wall clock's time. Not for a stack with
 * `wallClockHour` (the browser suites'): a page dates things by the browser's clock, the wall clock, and a
 * server skipped into another day would disagree with it by design.
 */
const skipToHourOfDay = async (env: TestWorkflowEnvironment): Promise<void> => {
  const hour = process.env.TEST_CLOCK_UTC_HOUR;
  if (hour === undefined || hour === '') return;
  if (!/^([01]?\d|2[0-3])$/.test(hour)) throw new Error(`TEST_CLOCK_UTC_HOUR must be an hour of the day, 0 to 23; got "${hour}"`);
  const now = await env.currentTimeMs();
  const at = new Date(now);
  at.setUTCHours(Number(hour), 0, 0, 0);
  const wait = (at.getTime() - now + 86_400_000) % 86_400_000;
  if (wait > 0) await env.sleep(wait);
};

/**
 * The real parts, wired as in production: the time-skipping Temporal server, the
 * real worker with the real workflow bundle, and a SQLite store in a temp folder.
 * `server: 'dev'`: the Temporal dev server instead (the wall clock, nothing skipped), for
 * tests of Updates racing each other, which the time-skipping server does not always survive.
 */
export const startTestStack = async (options: { tracing?: Tracing; wallClockHour?: boolean; server?: 'time-skipping' | 'dev' } = {}): Promise<TestStack> => {
  // Workers log every poll at INFO; tests want warnings only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'ses-test-'));
  const storePath = join(dir, 'events.db');
  const dataConverter = testDataConverter();
  const env = options.server === 'dev' ? await createLocalEnv({ dataConverter }) : await createTimeSkippingEnv({ dataConverter });
  if (!options.wallClockHour && options.server !== 'dev') await skipToHourOfDay(env);
  const store = SqliteEventStore.open(storePath);
  const taskQueue = `test-${Math.random().toString(36).slice(2)}`;
  const { tracing } = options;
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    store,
    dataConverter,
    workflowBundle: await workflowBundle(),
    tracing,
  });
  const running = worker.run();
  const plainClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter });
  // With tracing, cases go through a client with the tracing interceptor, as in production.
  const client = tracing ? temporalClient(env.connection, { namespace: env.namespace ?? 'default' }, dataConverter, tracing) : env.client;
  const now = async () => new Date(await env.currentTimeMs()).toISOString();
  return {
    env,
    dataConverter,
    store,
    storePath,
    taskQueue,
    qrb: new ProcessCases(client, taskQueue, qrbDefinition, now),
    processes: casesOfEveryProcess(client, taskQueue, now),
    casesOf: (definition) => new ProcessCases(client, taskQueue, definition, now),
    audit: new Audit(store, new Checkpoints(store, new CheckpointKey(join(dir, 'checkpoint-signing-key.pem')))),
    async result<T>(workflowId: string): Promise<T> {
      // A long-poll for the result can miss a completion on the test server; describe() cannot.
      const handle = plainClient.workflow.getHandle(workflowId);
      for (let waited = 0; (await handle.describe()).status.name === 'RUNNING'; waited += 50) {
        if (waited > 30_000) throw new Error(`${workflowId} is still running after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return handle.result() as Promise<T>;
    },
    now,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
