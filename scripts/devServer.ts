// Running the Temporal dev server (`temporal server start-dev`) as a child
// process that can never outlive us.
//
// How orphans are prevented, layer by layer:
//   - the server runs in its own process group (detached), so one signal to the
//     group stops it and everything it started, and a terminal Ctrl-C reaches
//     only us, letting us shut down in the right order;
//   - stop() signals the group and waits for the exit;
//   - a process 'exit' hook signals the group if stop() was never called
//     (normal end, process.exit(), uncaught exception);
//   - SIGINT/SIGTERM/SIGHUP handlers do the same when nobody else handles them;
//   - a tiny shell watchdog inside the group kills the server within ~1 s if we
//     die without running any JavaScript (SIGKILL, OOM killer).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { errorMessage, type Log } from './log';
import { OutputTail } from './outputTail';

export interface DevServerOptions {
  /** Path of the `temporal` CLI (see resolveTemporalCli). */
  cliPath: string;
  /** SQLite file that persists workflows across restarts (its folder is created). */
  dbFile: string;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** gRPC frontend port. Default 7233. */
  port?: number;
  /** Web UI port. Default 8233. */
  uiPort?: number;
  /** Namespace to create at startup (besides "default"). Default "default". */
  namespace?: string;
  /** The codec endpoint the Web UI decodes payloads with (the API's /codec); absent: the UI shows them sealed. */
  uiCodecEndpoint?: string;
  log: Log;
  /** How long to wait for the frontend to answer. Default 60 s. */
  startTimeoutMs?: number;
  /**
   * SQLite's `synchronous` for the server's own state. FULL (default): a commit is on disk before
   * the server answers, through a power cut. NORMAL (with WAL) skips that fsync: still safe when a
   * process dies (kill -9), but a power cut or OS crash can roll back Temporal's last commits, so a
   * workflow could forget an update it answered while its event stays in the event store (which
   * keeps FULL). The case then folds that event at its next command, as it does the events of any
   * workflow task lost after its local append (lostEventsOf in activities/appendEvents.ts), but the
   * answer given was never recorded by Temporal. NORMAL measures what that fsync costs
   * (BENCH_TEMPORAL_SYNC in bench/e2eBench.ts); records keep FULL.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

export interface DevServer {
  /** host:port for Connection.connect / NativeConnection.connect. */
  address: string;
  /** Web UI, e.g. http://127.0.0.1:8233 */
  uiUrl: string;
  namespace: string;
  /** Process id (and process group id) of the server. */
  pid: number;
  /** Resolves when the server process has exited, for whatever reason. */
  exited: Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

// Runs in `sh -c`: $0 is our pid, "$@" is the server command line. The
// background loop polls our pid and, once we are gone, signals its whole
// process group (`kill 0`), i.e. the server and itself.
const WATCHDOG_SCRIPT = '( while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill -TERM 0 ) </dev/null >/dev/null 2>&1 & exec "$@"';

/**
 * Flags for every dev server this project starts: one partition per task queue. A single-node server
 * gains nothing from the default four, and a task landing on a partition with no poller waits to be
 * forwarded (no-op workflows, 10 at once: 20 wf/s with four, 96 wf/s with one, measured on the bench's
 * e2e section).
 */
export const ONE_PARTITION_PER_TASK_QUEUE: readonly string[] = [
  '--dynamic-config-value',
  'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value',
  'matching.numTaskqueueWritePartitions=1',
];
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const {
    cliPath,
    dbFile,
    host = '127.0.0.1',
    port = 7233,
    uiPort = 8233,
    namespace = 'default',
    uiCodecEndpoint,
    log,
    startTimeoutMs = 60_000,
    synchronous = 'FULL',
  } = options;
  const address = `${host}:${port}`;
  const uiUrl = `http://${host}:${uiPort}`;

  await assertPortFree(host, port, 'gRPC frontend');
  await assertPortFree(host, uiPort, 'Web UI');
  fs.mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });

  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    // SQLite's default rollback journal makes every write slow; WAL is much faster.
    '--sqlite-pragma',
    'journal_mode=wal',
    // FULL (fsync of the WAL at every commit) unless asked: see DevServerOptions.synchronous.
    '--sqlite-pragma',
    `synchronous=${synchronous}`,
    '--ip',
    host,
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    namespace,
    ...(uiCodecEndpoint ? ['--ui-codec-endpoint', uiCodecEndpoint] : []),
    ...ONE_PARTITION_PER_TASK_QUEUE,
    '--log-level',
    'error', // the server is very chatty at info/warn
  ];
  log(`Starting the Temporal dev server on ${address} (data: ${dbFile}) ...`);
  const started = Date.now();
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, String(process.pid), cliPath, ...args], {
    detached: true, // own process group: see the comment at the top
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    // spawn failed synchronously (e.g. /bin/sh missing); the 'error' event has the reason
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`Could not start the Temporal dev server: ${error.message}`);
  }

  const output = new OutputTail(40);
  let ready = false;
  let stopping: Promise<void> | null = null;
  let exitDescription: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitDescription = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve();
    });
  });
  // Everything is kept for error messages. Once the server is up, its stderr
  // (errors only, see --log-level) is also shown; stdout is just its banner.
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    output.push(chunk);
    if (!ready || stopping) return;
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(`server: ${line}`);
  });

  // Do not keep Node alive just because the server runs: the exit hook stops it.
  child.unref();
  (child.stdout as unknown as net.Socket).unref();
  (child.stderr as unknown as net.Socket).unref();

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal); // negative pid = the whole process group
    } catch {
      // ESRCH: already gone
    }
  };
  const onProcessExit = () => killGroup('SIGTERM');
  const onSignal = (signal: NodeJS.Signals) => {
    // Another handler (e.g. the start script's ordered shutdown, which still
    // needs the server to stop its worker) is in charge: it calls stop() or
    // exits, and the exit hook / watchdog cover the rest.
    if (process.listenerCount(signal) > 1) return;
    // We are alone: registering a handler disabled Node's default "exit on
    // signal", so stop the server and restore that behaviour.
    killGroup('SIGTERM');
    removeHooks();
    process.exit(128 + os.constants.signals[signal]);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const removeHooks = () => {
    process.removeListener('exit', onProcessExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
  process.on('exit', onProcessExit);
  for (const signal of signals) process.on(signal, onSignal);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitDescription === null) {
        child.ref(); // keep Node alive until the exit is seen
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // the watchdog's `sleep`, if anything is still there
      removeHooks();
    })();
    return stopping;
  };

  try {
    await waitUntilServing({ address, namespace, startTimeoutMs, hasExited: () => exitDescription !== null });
  } catch (error) {
    await stop();
    const reason = exitDescription !== null ? `the server process exited (${exitDescription})` : errorMessage(error);
    throw new Error(
      `The Temporal dev server did not start on ${address}: ${reason}.\n` +
        `  Command: ${cliPath} ${args.join(' ')}\n` +
        `  Last output of the server:\n${output.text('    ')}`,
    );
  }
  ready = true;
  log(`Temporal dev server ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${address}, namespace "${namespace}", Web UI ${uiUrl}`);
  void exited.then(() => {
    if (!stopping) log(`The Temporal dev server stopped unexpectedly (${exitDescription}). Last output:\n${output.text('    ')}`);
  });

  return { address, uiUrl, namespace, pid, exited, stop };
}

/** Fails with a clear message if something already listens on host:port. */
async function assertPortFree(host: string, port: number, what: string): Promise<void> {
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(null)));
  });
  if (!error) return;
  if (error.code === 'EADDRINUSE') {
    throw new Error(
      `Port ${port} on ${host} (${what} of the Temporal dev server) is already in use. ` +
        `Another Temporal server is probably running (check with: ps aux | grep temporal, or ss -ltnp | grep :${port}); ` +
        `stop it, or choose other ports.`,
    );
  }
  throw new Error(`Cannot use port ${port} on ${host} for the ${what}: ${error.message}`);
}

/** Polls until the frontend accepts connections and knows our namespace. */
async function waitUntilServing(params: { address: string; namespace: string; startTimeoutMs: number; hasExited: () => boolean }): Promise<void> {
  const deadline = Date.now() + params.startTimeoutMs;
  let lastError: unknown = null;
  while (!params.hasExited()) {
    try {
      const connection = await Connection.connect({ address: params.address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: params.namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`no answer after ${Math.round(params.startTimeoutMs / 1000)} s (last error: ${errorMessage(lastError)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server process exited during startup');
}
