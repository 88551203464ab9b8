import type { EventStore } from '../../eventstore/eventStore';

/** Every stream's head and every event as stored, in global order: equal snapshots mean nothing was written. */
export const storeSnapshot = async (store: EventStore): Promise<string> =>
  JSON.stringify({ streams: await store.listStreams(), events: await store.readAll() });
