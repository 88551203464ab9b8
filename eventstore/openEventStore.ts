import { resolve } from 'node:path';
import type { EventStore } from './eventStore';
import { SqliteEventStore } from './sqliteEventStore';

const KURRENT_SCHEMES = /^(kurrentdb|esdb)(\+discover)?:\/\//;

/** The store EVENTSTORE_URL names: `sqlite:<path>` (relative to the working folder) or a KurrentDB connection string. */
export async function openEventStore(url: string): Promise<EventStore> {
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return SqliteEventStore.open(resolve(url.slice('sqlite:'.length)));
  if (KURRENT_SCHEMES.test(url)) {
    // Loaded only for a KurrentDB store: its client (gRPC, protobuf) otherwise adds some 0.2 s to
    // every `ses` command and every start-up that opens the SQLite store. `require`, as in cli/main.ts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentEventStore } = require('./kurrentEventStore') as typeof import('./kurrentEventStore');
    return KurrentEventStore.connect(url);
  }
  // Only the scheme is echoed: a connection string may carry a password.
  throw new Error(
    `EVENTSTORE_URL "${url.split(':')[0]}:..." is not supported: use sqlite:<path> (for example sqlite:./data/events.db) ` +
      'or a KurrentDB connection string (kurrentdb://, kurrentdb+discover://, esdb://, esdb+discover://)',
  );
}
