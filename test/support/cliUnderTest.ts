import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator } from '../../client/auth/authenticator';
import { isFresh } from '../../client/bin/build';
import { loadConfig } from '../../client/config';
import type { TestStack } from './testStack';
import { TEST_PAYLOAD_KEYS } from './testKeyring';

export const REPO = join(__dirname, '..', '..');

export interface CliUnderTest {
  /** The environment pointing `ses` at the test stack, with its own DATA_DIR and no token. */
  env: NodeJS.ProcessEnv;
  /** That environment with SES_TOKEN for a user of config/users.json. */
  as(userId: string): Promise<NodeJS.ProcessEnv>;
}

/** `ses` as a person runs it, aimed at the test stack; tokens are minted with the key the CLI finds in DATA_DIR. */
export const cliUnderTest = async (stack: TestStack): Promise<CliUnderTest> => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: stack.env.address,
    TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default',
    TASK_QUEUE: stack.taskQueue,
    EVENTSTORE_URL: `sqlite:${stack.storePath}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ses-cli-data-')),
    // Payloads sealed with the stack worker's key.
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    // The compiled CLI started directly, with the compile cache ses.js turns on (Node 22.1+; Node 20 ignores it).
    NODE_COMPILE_CACHE: join(REPO, '.cache', 'node-compile-cache'),
  };
  // Minted in this process to save a child process per token.
  const authenticator = await Authenticator.fromConfig(loadConfig(env));
  const tokens = new Map<string, string>();
  return {
    env,
    async as(userId) {
      if (!tokens.has(userId)) tokens.set(userId, (await authenticator.mint(userId)).token);
      return { ...env, SES_TOKEN: tokens.get(userId) };
    },
  };
};

/**
 * What `ses` runs: client/bin/ses.js checks on every start that dist/ is fresh (a scan of every source's
 * time); a test process checks once and starts the compiled CLI itself. A stale dist/ goes through ses.js,
 * which runs the sources with tsx (and rebuilds dist/ in the background).
 */
let entry: string | undefined;
const cliEntry = (): string => (entry ??= isFresh() ? join(REPO, 'dist', 'client', 'cli', 'main.js') : join(REPO, 'client', 'bin', 'ses.js'));

/** Runs `ses` asynchronously: the worker lives in this process and must keep running meanwhile. */
export const ses = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [cliEntry(), ...args], { env, encoding: 'utf8', cwd: REPO }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
