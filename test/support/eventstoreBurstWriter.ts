// Runs in a worker thread: a second SQLite connection writing in parallel with the test's reader.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import { proposed } from './eventstoreFixtures';

const { path, streams, batches } = workerData as { path: string; streams: string[]; batches: number };

async function main() {
  const store = SqliteEventStore.open(path);
  for (let batch = 0; batch < batches; batch++) {
    for (const stream of streams) {
      await store.append(stream, batch * 3 - 1, [
        proposed('BurstStarted', { batch }),
        proposed('BurstContinued', { batch }),
        proposed('BurstEnded', { batch }),
      ]);
    }
  }
  await store.close();
  parentPort!.postMessage('done');
}

// A failure rejects unhandled, which the parent sees as the worker's 'error' event.
void main();
