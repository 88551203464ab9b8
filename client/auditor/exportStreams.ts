import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { EventStore } from '../../eventstore/eventStore';
import { ProblemError } from '../problem';
import { csvRow } from './csv';
import { CSV_COLUMNS, csvFieldsOf, type ExportFormat, type ExportHeader } from './exportFormat';

/**
 * A case or a chosen set of cases as text an auditor can take away and check with verifyExport,
 * without the store: every event with its hash chain, stream by stream in revision order.
 */
export async function exportStreams(store: EventStore, streams: readonly string[], format: ExportFormat): Promise<string> {
  const chosen = [...new Set(streams)];
  if (chosen.length === 0) throw new ProblemError({ status: 400, error: 'validation', message: 'streams: name at least one stream to export' });
  const byStream: RecordedEvent[][] = [];
  for (const stream of chosen) {
    const events = await store.readStream(stream);
    if (events.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    byStream.push(events);
  }
  const events = byStream.flat();
  if (format === 'csv') return csvRow(CSV_COLUMNS) + events.map((event) => csvRow(CSV_COLUMNS.map((column) => csvFieldsOf(event)[column]))).join('');
  const header: ExportHeader = {
    export: {
      created: new Date().toISOString(),
      format,
      streams: byStream.map((stream) => ({ stream: stream[0]!.stream, events: stream.length, lastHash: stream.at(-1)!.meta.hash })),
      count: events.length,
    },
  };
  return [header, ...events].map((line) => JSON.stringify(line) + '\n').join('');
}
