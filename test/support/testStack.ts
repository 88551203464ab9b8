import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { Audit } from '../../client/audit';
import { QrbCases } from '../../client/qrbCases';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import { createWorker } from '../../worker/createWorker';
import { createTimeSkippingEnv } from './temporalTestEnv';
import { workflowBundle } from './workflowBundle';

export interface TestStack {
  env: TestWorkflowEnvironment;
  store: SqliteEventStore;
  storePath: string;
  taskQueue: string;
  qrb: QrbCases;
  audit: Audit;
  stop(): Promise<void>;
}

/**
 * The real parts, wired as in production: the time-skipping Temporal server, the
 * real worker with the real workflow bundle, and a SQLite store in a temp folder.
 */
export const startTestStack = async (): Promise<TestStack> => {
  // Workers log every poll at INFO; tests want warnings only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'ses-test-'));
  const storePath = join(dir, 'events.db');
  const env = await createTimeSkippingEnv();
  const store = SqliteEventStore.open(storePath);
  const taskQueue = `test-${Math.random().toString(36).slice(2)}`;
  const worker: Worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, store, workflowBundle: await workflowBundle() });
  const running = worker.run();
  return {
    env,
    store,
    storePath,
    taskQueue,
    qrb: new QrbCases(env.client, taskQueue),
    audit: new Audit(store),
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
