// A tiny cross-process lock based on creating a file exclusively (O_EXCL).
// Why: `npm test` may run several test processes, and a developer may run
// `npm run provision` at the same time; only one of them should run Maven or
// the Go build, the others wait and then reuse the result.
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from './log';

export interface FileLockOptions {
  log: Log;
  /** What the other process is doing, for the "waiting for ..." message. */
  purpose: string;
  /** Give up after this long (default 30 min: a first Go build can take many minutes). */
  timeoutMs?: number;
}

/** Runs `fn` while holding the lock file `lockPath`; waits if another live process holds it. */
export async function withFileLock<T>(lockPath: string, options: FileLockOptions, fn: () => Promise<T>): Promise<T> {
  const { log, purpose, timeoutMs = 30 * 60_000 } = options;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const started = Date.now();
  let announced = false;

  for (;;) {
    if (tryCreate(lockPath)) break;
    const holder = readHolder(lockPath);
    if (holder.stale) {
      // The previous holder died (e.g. Ctrl-C during a build): take over.
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (!announced) {
      log(`Waiting for another process (pid ${holder.pid ?? '?'}) that is ${purpose} ...`);
      announced = true;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the lock ${lockPath} (held by pid ${holder.pid ?? '?'}). ` +
          `If no other process is ${purpose}, delete that file and retry.`,
      );
    }
    await sleep(500);
  }

  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

function tryCreate(lockPath: string): boolean {
  try {
    const fd = fs.openSync(lockPath, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(lockPath: string): { pid: number | null; stale: boolean } {
  let content: string;
  let ageMs: number;
  try {
    content = fs.readFileSync(lockPath, 'utf8').trim();
    ageMs = Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return { pid: null, stale: false }; // vanished between calls: just retry
  }
  const pid = Number.parseInt(content, 10);
  // Empty file: the holder is between open() and write(); only stale if old.
  if (!Number.isInteger(pid) || pid <= 0) return { pid: null, stale: ageMs > 10_000 };
  return { pid, stale: !isProcessAlive(pid) };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 = existence check only
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
