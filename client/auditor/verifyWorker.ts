// A worker thread of verifyInThreads: verifies the streams it is sent, a chunk at a time, on its own read-only connection.
import { parentPort, workerData } from 'node:worker_threads';
import type { Anchor } from './storeCheckpoint';
import { storedRowsVerifier } from './verifyStoredRows';
import type { ChunkResult, ChunkTask } from './verifyInThreads';

const { file, anchor } = workerData as { file: string; anchor: Anchor | null };
const verifier = storedRowsVerifier(file, anchor);
parentPort!.on('message', ({ chunk, streams }: ChunkTask) => {
  const reply: ChunkResult = { chunk, results: verifier.verify(streams) };
  parentPort!.postMessage(reply);
});
