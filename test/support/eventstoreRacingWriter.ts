// Runs in a worker thread: one of two writers, on its own SQLite connection, racing for the same revisions.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import { StreamConflictError } from '../../eventstore/streamConflictError';
import { proposed } from './eventstoreFixtures';

const { path, streams, writer, startLine } = workerData as {
  path: string;
  streams: string[];
  writer: string;
  /** Shared counter: each writer waits here until both are ready, so their appends really overlap. */
  startLine: SharedArrayBuffer;
};

function waitForTheOtherWriter() {
  const ready = new Int32Array(startLine);
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
  for (let seen = Atomics.load(ready, 0); seen < 2; seen = Atomics.load(ready, 0)) Atomics.wait(ready, 0, seen);
}

async function main() {
  const store = SqliteEventStore.open(path);
  waitForTheOtherWriter();
  const won: string[] = [];
  for (const stream of streams) {
    try {
      await store.append(stream, 0, [proposed('VoteCast', { by: writer })]);
      won.push(stream);
    } catch (error) {
      if (!(error instanceof StreamConflictError)) throw error;
    }
  }
  await store.close();
  parentPort!.postMessage(won);
}

// A failure rejects unhandled, which the parent sees as the worker's 'error' event.
void main();
