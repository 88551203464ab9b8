import { extname, join } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { StreamSummary } from '../../eventstore/eventStore';
import type { VerifyResult } from '../../eventstore/verifyStream';
import type { Anchor } from './storeCheckpoint';
import { openReadOnly, storedRowsVerifier } from './verifyStoredRows';

export interface ChunkTask {
  chunk: number;
  streams: string[];
}

export interface ChunkResult {
  chunk: number;
  results: VerifyResult[];
}

/** Events per chunk a thread is handed: small enough for steady progress and even shares, large enough that messages cost nothing. */
const CHUNK_EVENTS = 20_000;

// Compiled (dist/) the worker is JavaScript beside this file; under tsx (tests, bench) it is TypeScript.
const WORKER_ENTRY = join(__dirname, `verifyWorker${extname(__filename)}`);

function startWorker(workerData: { file: string; anchor: Anchor | null }): Worker {
  if (extname(WORKER_ENTRY) === '.js') return new Worker(WORKER_ENTRY, { workerData });
  // Module hooks are per thread: the worker registers tsx itself before loading the TypeScript entry.
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_ENTRY)});`, { eval: true, workerData });
}

/**
 * What a worker threw, as an Error: a value that is not one (a SQLite error loses its class between
 * threads) shows as what it holds and names the file, never as "[object Object]".
 */
function workerFailure(file: string, error: unknown): Error {
  return error instanceof Error ? error : new Error(`a verify worker failed on the event store file ${file}: ${inspect(error)}`);
}

/**
 * The streams in store order, cut into chunks of about CHUNK_EVENTS events, and into at least four
 * per thread so that a thread done early takes the next (a stream is never split).
 */
function chunksOf(streams: readonly StreamSummary[], threads: number): string[][] {
  const total = streams.reduce((sum, { lastRevision }) => sum + lastRevision + 1, 0);
  const size = Math.max(1, Math.min(CHUNK_EVENTS, Math.ceil(total / (threads * 4))));
  const chunks: string[][] = [];
  let current: string[] = [];
  let events = 0;
  for (const { stream, lastRevision } of streams) {
    current.push(stream);
    events += lastRevision + 1;
    if (events >= size) {
      chunks.push(current);
      current = [];
      events = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Every listed stream of the SQLite store file verified, on `threads` worker threads (1: on this
 * one, no worker started), each reading the file on its own read-only connection. `onResult`
 * gets every stream's result in the order listed, whichever thread finished first: the results of
 * chunks finished ahead of an earlier, slower one wait here until it ends. Only results wait (a small
 * object per stream, never rows), and verifyAll keeps every stream's result in its report anyway:
 * memory grows with the number of streams, rows are held one stream per thread at a time.
 */
export async function verifyInThreads(
  file: string,
  streams: readonly StreamSummary[],
  anchor: Anchor | null,
  threads: number,
  onResult: (result: VerifyResult) => void,
): Promise<void> {
  const chunks = chunksOf(streams, threads);
  if (threads <= 1 || chunks.length <= 1) {
    const verifier = storedRowsVerifier(file, anchor);
    try {
      for (const chunk of chunks) verifier.verify(chunk).forEach(onResult);
    } finally {
      verifier.close();
    }
    return;
  }
  // Opened here first, so a file the workers cannot open is refused on this thread: better-sqlite3
  // throwing from its constructor inside a worker aborted the whole process once (CI, Node 24).
  openReadOnly(file).close();
  const waiting = new Map<number, VerifyResult[]>();
  let released = 0;
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, chunks.length) }, () => startWorker({ file, anchor }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next === chunks.length) return resolve();
              const task: ChunkTask = { chunk: next, streams: chunks[next]! };
              next++;
              worker.postMessage(task);
            };
            worker.on('message', ({ chunk, results }: ChunkResult) => {
              try {
                waiting.set(chunk, results);
                for (let ready = waiting.get(released); ready; ready = waiting.get(released)) {
                  waiting.delete(released++);
                  ready.forEach(onResult);
                }
                send();
              } catch (error) {
                reject(error as Error);
              }
            });
            worker.once('error', (error) => reject(workerFailure(file, error)));
            worker.once('exit', (code) => reject(new Error(`a verify worker exited (code ${code}) before its work was done`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
