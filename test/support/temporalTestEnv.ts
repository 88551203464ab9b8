// Temporal test environments that work without internet access.
//
// Both helpers hand the SDK an "existing-path" executable, so it never tries to
// download a server binary (which fails on our machines); see
// scripts/testServer.ts and scripts/temporalCli.ts for where the binaries come from.
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment, type LocalTestWorkflowEnvironmentOptions } from '@temporalio/testing';
import { ONE_PARTITION_PER_TASK_QUEUE } from '../../scripts/devServer';
import { createLog, errorMessage } from '../../scripts/log';
import { resolveTemporalCli, temporalCliMissingMessage } from '../../scripts/temporalCli';
import { resolveTestServerLauncher } from '../../scripts/testServer';

const log = createLog('temporal-test');

/** Starts of the time-skipping server tried before a test fails on it. */
const STARTS = 3;

/**
 * The time-skipping test server (Java, from Maven Central): timers and sleeps
 * complete instantly when no workflow code is running, so a year of workflow
 * time takes seconds. Call `env.teardown()` when done.
 * The first call on a fresh machine runs Maven (~30 s); `npm test` does that
 * up front and passes the launcher via $TEMPORAL_TEST_SERVER_PATH.
 */
export async function createTimeSkippingEnv(options: { dataConverter?: DataConverter } = {}): Promise<TestWorkflowEnvironment> {
  const launcher = await resolveTestServerLauncher(log);
  const create = () =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: launcher } },
      // env.client seals payloads as the stack's worker does.
      ...(options.dataConverter ? { client: { dataConverter: options.dataConverter } } : {}),
    });
  // The SDK gives the server a fixed 5 s to listen; with every core running test files a JVM can miss that.
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (attempt === STARTS || !/did not start within/.test(errorMessage(error))) throw error;
      log(`the time-skipping server did not listen within the SDK's 5 s (attempt ${attempt} of ${STARTS}): starting another`);
    }
  }
}

export interface LocalEnvOptions {
  /** Namespace created at startup. Default "default". */
  namespace?: string;
  /** Persist to this SQLite file (in memory when omitted). */
  dbFilename?: string;
  /** env.client's data converter (e.g. payloads sealed, as the worker's). */
  dataConverter?: DataConverter;
  /** Run the Web UI (on the gRPC port + 1000) with this codec endpoint, as `npm start` does. */
  uiCodecEndpoint?: string;
}

/**
 * A real Temporal dev server (`temporal server start-dev`, random free port, no
 * Web UI unless asked) for end-to-end tests and benchmarks that need real server behaviour
 * (no time skipping). Call `env.teardown()` when done.
 * The first call on a machine without the CLI builds it with Go (several minutes).
 */
export async function createLocalEnv(options: LocalEnvOptions = {}): Promise<TestWorkflowEnvironment> {
  const cliPath = await resolveTemporalCli(log);
  const server: NonNullable<LocalTestWorkflowEnvironmentOptions['server']> = {
    namespace: options.namespace,
    dbFilename: options.dbFilename,
    // WAL: SQLite's default journal makes every write slow (only matters when persisted).
    extraArgs: [
      ...ONE_PARTITION_PER_TASK_QUEUE,
      ...(options.dbFilename ? ['--sqlite-pragma', 'journal_mode=wal'] : []),
      ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    ],
    ...(options.uiCodecEndpoint ? { ui: true } : {}),
  };
  // No CLI and no Go: let the SDK try its own download (works only with internet).
  if (cliPath) server.executable = { type: 'existing-path', path: cliPath };
  try {
    return await TestWorkflowEnvironment.createLocal({ server, ...(options.dataConverter ? { client: { dataConverter: options.dataConverter } } : {}) });
  } catch (error) {
    if (cliPath) throw error;
    throw new Error(temporalCliMissingMessage(errorMessage(error)));
  }
}
