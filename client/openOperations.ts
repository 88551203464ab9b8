import type { Client } from '@temporalio/client';
import type { EventStore } from '../eventstore/eventStore';
import { Audit } from './audit';
import type { Config } from './config';
import { Operations } from './operations';
import { processCasesFor } from './processRegistry';
import { QrbCases } from './qrbCases';

/**
 * Everything the CLI and the API act through, opened from the configuration.
 * `follow`: keep the read model up to date live (the API); without it, each
 * read-model query catches up first (the CLI).
 */
export const openOperations = async (config: Config, client: Client, store: EventStore, _options: { follow: boolean }): Promise<{ operations: Operations; close(): Promise<void> }> => {
  const operations = new Operations({ qrb: new QrbCases(client, config.TASK_QUEUE), processes: processCasesFor(client, config.TASK_QUEUE), audit: new Audit(store) });
  return { operations, close: async () => undefined };
};
