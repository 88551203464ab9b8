import type { RecordedEvent } from '../../domain/eventEnvelope';
import type { EventStore } from '../../eventstore/eventStore';
import { ProblemError } from '../problem';
import { csvRow } from './csv';
import { proofFor, type Anchor } from './storeCheckpoint';
import { CSV_COLUMNS, csvFieldsOf, type ExportFormat, type ExportHeader } from './exportFormat';

/** Events read from the store at a time while an export is sent: what bounds its memory. */
const EXPORT_PAGE = 500;

/**
 * A case or a chosen set of cases as text an auditor can take away and check with verifyExport,
 * without the store: every event with its hash chain, stream by stream in revision order; in
 * JSON Lines, with a checkpoint, the signed checkpoint and each stream's inclusion proof in the header.
 */
export async function exportStreams(store: EventStore, streams: readonly string[], format: ExportFormat, anchor: Anchor | null = null): Promise<string> {
  let text = '';
  for await (const chunk of await exportLines(store, streams, format, anchor)) text += chunk;
  return text;
}

/**
 * The same export as it is sent over HTTP: every stream checked and its head (count, last hash)
 * read before anything is sent (a missing stream is a 404, not a cut-off file), then the lines a
 * page of events at a time as the reader takes them, each stream up to the head the header
 * names, so events appended meanwhile neither enter nor break it.
 */
export async function exportLines(
  store: EventStore,
  streams: readonly string[],
  format: ExportFormat,
  anchor: Anchor | null = null,
): Promise<AsyncIterable<string>> {
  const chosen = [...new Set(streams)];
  if (chosen.length === 0) throw new ProblemError({ status: 400, error: 'validation', message: 'streams: name at least one stream to export' });
  const heads: (ExportHeader['export']['streams'][number] & { lastRevision: number })[] = [];
  for (const stream of chosen) {
    let events = 0;
    let head: RecordedEvent | undefined;
    for await (const page of pagesOf(store, stream, Infinity)) {
      events += page.length;
      head = page.at(-1);
    }
    if (!head) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    heads.push({ stream, events, lastHash: head.meta.hash, lastRevision: head.revision });
  }
  const header: ExportHeader = {
    export: {
      created: new Date().toISOString(),
      format,
      streams: heads.map(({ lastRevision: _, ...head }) => head),
      count: heads.reduce((sum, head) => sum + head.events, 0),
      ...(anchor ? { checkpoint: anchor.checkpoint, proofs: chosen.flatMap((stream) => proofFor(anchor.heads, stream) ?? []) } : {}),
    },
  };
  const lineOf = (event: RecordedEvent): string =>
    format === 'csv' ? csvRow(CSV_COLUMNS.map((column) => csvFieldsOf(event)[column])) : JSON.stringify(event) + '\n';
  return (async function* () {
    yield format === 'csv' ? csvRow(CSV_COLUMNS) : JSON.stringify(header) + '\n';
    for (const head of heads) for await (const page of pagesOf(store, head.stream, head.lastRevision)) yield page.map(lineOf).join('');
  })();
}

/** A stream's events up to `lastRevision` (inclusive), a page at a time. */
async function* pagesOf(store: EventStore, stream: string, lastRevision: number): AsyncGenerator<RecordedEvent[]> {
  for (let from = 0; from <= lastRevision;) {
    const read = await store.readStream(stream, from, EXPORT_PAGE);
    const page = read.filter((event) => event.revision <= lastRevision);
    if (page.length > 0) yield page;
    if (read.length < EXPORT_PAGE || page.length < read.length) return;
    from = read.at(-1)!.revision + 1;
  }
}
