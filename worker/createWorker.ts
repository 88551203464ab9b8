import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createEventStoreActivities } from '../activities/appendEvents';
import type { EventStore } from '../eventstore/eventStore';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  store: EventStore;
  /** A pre-built bundle (tests build it once); absent means bundle workflows/ now. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The one worker: every process workflow, and the activities that write to the event store. */
export const createWorker = ({ connection, namespace, taskQueue, store, workflowBundle }: CreateWorkerOptions): Promise<Worker> =>
  Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createEventStoreActivities(store),
  });

export const workflowsPath = (): string => require.resolve('../workflows');
