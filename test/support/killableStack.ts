import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator } from '../../client/auth/authenticator';
import { loadConfig } from '../../client/config';
import { startDevServer, type DevServer } from '../../scripts/devServer';
import { freePorts } from '../../scripts/freePorts';
import { silentLog } from '../../scripts/log';
import { OutputTail } from '../../scripts/outputTail';
import { REPO_ROOT } from '../../scripts/repoPaths';
import { resolveTemporalCli, temporalCliMissingMessage } from '../../scripts/temporalCli';

/**
 * The stack as `npm start` runs it, each part a child process that can be killed
 * with SIGKILL and started again on the same data: the Temporal dev server from the
 * provisioned CLI (persisted to a --db-filename), the built worker (dist/worker/main.js)
 * and the built API (dist/client/http/main.js), over one SQLite event store and DATA_DIR.
 */
export interface KillableStack {
  /** The API's base URL; it stays the same across restarts. */
  base: string;
  dataDir: string;
  storePath: string;
  /** A dev token for a user of config/users.json, signed with the API's key. */
  tokenFor(userId: string): Promise<string>;
  /** SIGKILL of the worker, then a new worker. */
  killWorker(): Promise<void>;
  /** SIGKILL of the worker, the API and the dev server at once, then all three again. */
  killAll(): Promise<void>;
  /** The last lines the worker and the API printed, for a failure's message. */
  recentOutput(): string;
  /** Stops the three (SIGTERM); the data stays for inspection. */
  stop(): Promise<void>;
  /** Removes the data folder. */
  remove(): void;
}

const WORKER = join(REPO_ROOT, 'dist', 'worker', 'main.js');
const API = join(REPO_ROOT, 'dist', 'client', 'http', 'main.js');
const STARTUP_MS = 60_000;

const until = async (what: string, check: () => Promise<boolean> | boolean, describe: () => string): Promise<void> => {
  for (const deadline = Date.now() + STARTUP_MS; !(await check()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start in ${STARTUP_MS / 1000} s:\n${describe()}`);
  }
};

/** One Node child: its output kept (the last lines, for errors), killed and awaited. */
class NodeChild {
  private readonly process: ChildProcess;
  private readonly exited: Promise<void>;

  /** `output` is shared by the successive processes of one part, so a failure shows what the killed ones said too. */
  constructor(
    script: string,
    env: NodeJS.ProcessEnv,
    readonly output: OutputTail,
  ) {
    this.process = spawn(process.execPath, [script], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Sends the signal; a SIGTERM not obeyed within 10 s becomes a SIGKILL. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.running) this.process.kill(signal);
    const force = signal === 'SIGKILL' ? undefined : setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(force);
  }
}

export const startKillableStack = async (): Promise<KillableStack> => {
  for (const built of [WORKER, API]) if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  const cliPath = await resolveTemporalCli(silentLog);
  if (!cliPath) throw new Error(temporalCliMissingMessage());
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-faults-'));
  const storePath = join(dataDir, 'events.db');
  const [temporalPort, uiPort, apiPort] = await freePorts(3);
  const base = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EVENTSTORE_URL: `sqlite:${storePath}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_NAMESPACE: 'default',
    TASK_QUEUE: 'faults',
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    AUTH_USERS_FILE: join(REPO_ROOT, 'config', 'users.json'),
    WORKER_METRICS_ADDRESS: 'off',
    LOG_LEVEL: 'info',
  };

  let server: DevServer | null = null;
  let worker: NodeChild | null = null;
  let api: NodeChild | null = null;
  const workerOutput = new OutputTail(400);
  const apiOutput = new OutputTail(100);

  const startServer = async (): Promise<void> => {
    // Just after a SIGKILL the ports may take a moment to be free again.
    for (let attempt = 1; ; attempt++) {
      try {
        server = await startDevServer({ cliPath, dbFile: join(dataDir, 'temporal.db'), port: temporalPort, uiPort, namespace: 'default', log: silentLog });
        return;
      } catch (error) {
        if (attempt >= 20 || !/already in use/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  let workerStarts = 0;
  const startWorker = async (): Promise<void> => {
    const marker = `--- worker start ${++workerStarts} at ${new Date().toISOString()} ---`;
    workerOutput.push(`${marker}\n`);
    const child = new NodeChild(WORKER, env, workerOutput);
    worker = child;
    const polling = () => {
      if (!child.running) throw new Error(`the worker exited:\n${child.output.text()}`);
      const text = child.output.text('');
      return text.slice(text.lastIndexOf(marker)).includes('worker polling');
    };
    await until('the worker', polling, () => child.output.text());
  };
  const startApi = async (): Promise<void> => {
    const child = new NodeChild(API, { ...env, LOG_LEVEL: 'warn' }, apiOutput);
    api = child;
    const healthy = async () => {
      if (!child.running) throw new Error(`the API exited:\n${child.output.text()}`);
      return fetch(`${base}/health`).then(
        (response) => response.ok,
        () => false,
      );
    };
    await until('the API', healthy, () => child.output.text());
  };
  const killServer = async (): Promise<void> => {
    const running = server;
    server = null;
    if (!running) return;
    try {
      process.kill(-running.pid, 'SIGKILL'); // its whole process group: the CLI and its watchdog
    } catch {
      // already gone
    }
    await running.exited;
    await running.stop(); // removes its exit hooks; nothing left to signal
  };

  await startServer();
  await startWorker();
  await startApi();
  const authenticator = await Authenticator.fromConfig(loadConfig({ DATA_DIR: dataDir, AUTH_USERS_FILE: env.AUTH_USERS_FILE }));
  const tokens = new Map<string, string>();

  return {
    base,
    dataDir,
    storePath,
    async tokenFor(userId) {
      if (!tokens.has(userId)) tokens.set(userId, (await authenticator.mint(userId)).token);
      return tokens.get(userId)!;
    },
    recentOutput() {
      return `worker:\n${workerOutput.text()}\nAPI:\n${apiOutput.text()}`;
    },
    async killWorker() {
      await worker?.kill('SIGKILL');
      await startWorker();
    },
    async killAll() {
      await Promise.all([worker?.kill('SIGKILL'), api?.kill('SIGKILL'), killServer()]);
      await startServer();
      await Promise.all([startWorker(), startApi()]);
    },
    async stop() {
      await api?.kill('SIGTERM');
      await worker?.kill('SIGTERM');
      await (server as DevServer | null)?.stop();
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
