import { EventMetaSchema, type RecordedEvent } from '../../domain/eventEnvelope';
import { describeIssues } from '../../eventstore/describeIssues';
import { parseStoredJson } from '../../eventstore/storedEvents';
import { verifyRecords, type ChainLink } from '../../eventstore/verifyStream';
import { CsvSyntaxError, parseCsv } from './csv';
import type { CheckpointVerifier } from './checkpointKey';
import { proofLeadsTo, signatureProblem } from './storeCheckpoint';
import { anchorProblem } from './verifyAnchored';
import { CSV_COLUMNS, ExportHeaderSchema, META_COLUMNS, type ExportFormat, type ExportHeader } from './exportFormat';

export type ExportVerification =
  | {
      ok: true;
      format: ExportFormat;
      events: number;
      streams: { stream: string; events: number; lastHash: string }[];
      /** Whether a header said how many events each stream has: only then is a truncated tail caught. */
      countsChecked: boolean;
      /**
       * Whether the streams were checked against the signed checkpoint the export carries: 'verified'
       * (signature, inclusion proofs and heads), 'no-public-key' (proofs and heads against an unverified
       * checkpoint), or 'absent' (an export of an earlier release, or CSV: a rewritten stream would not show).
       */
      anchoring: 'verified' | 'no-public-key' | 'absent';
      checkpoint?: { sequence: number; createdAt: string; keyId: string };
    }
  | {
      ok: false;
      format: ExportFormat;
      /** The JSONL line or the CSV row (the column names are row 1) where the problem shows. */
      line: number;
      stream?: string;
      /** The first revision that does not hold (a missing one included). */
      brokenRevision?: number;
      reason: string;
    };
type Broken = Extract<ExportVerification, { ok: false }>;

/** One event as read from the export, with where it stands and anything its CSV columns contradict. */
interface Entry {
  line: number;
  stream: string;
  record: unknown;
  columnProblem?: string;
}

class Unreadable extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function readJsonl(text: string): { header?: ExportHeader; entries: Entry[] } {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  let header: ExportHeader | undefined;
  const entries: Entry[] = [];
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Unreadable(line, `line ${line} is not JSON`);
    }
    if (line === 1 && typeof value === 'object' && value !== null && 'export' in value) {
      const parsed = ExportHeaderSchema.safeParse(value);
      if (!parsed.success) throw new Unreadable(line, `the header does not fit: ${describeIssues('header', parsed.error)}`);
      header = parsed.data;
      continue;
    }
    const stream = (value as { stream?: unknown } | null)?.stream;
    if (typeof stream !== 'string') throw new Unreadable(line, `line ${line} is not an event record: it names no stream`);
    entries.push({ line, stream, record: value });
  }
  return { ...(header ? { header } : {}), entries };
}

/** The columns a spreadsheet shows but only `meta` is hashed: each must say what meta says. */
function columnProblem(fields: Record<string, string>, meta: unknown): string | undefined {
  const parsed = EventMetaSchema.safeParse(meta);
  if (!parsed.success) return undefined; // the chain check names what is wrong with meta itself
  for (const [column, read] of Object.entries(META_COLUMNS)) {
    if (fields[column] !== read(parsed.data)) return `column ${column} says ${fields[column]} but the hashed meta holds ${read(parsed.data)}`;
  }
  return undefined;
}

/** Numbers stay text when they are not whole numbers, so the schema check names the field. */
const integerOrText = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);

function readCsv(text: string): { entries: Entry[] } {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new Unreadable(error.row, error.message);
    throw error;
  }
  if (rows[0]?.join(',') !== CSV_COLUMNS.join(',')) throw new Unreadable(1, `row 1 must name the columns ${CSV_COLUMNS.join(',')}`);
  const entries = rows.slice(1).map((row, index): Entry => {
    const line = index + 2;
    if (row.length !== CSV_COLUMNS.length) throw new Unreadable(line, `row ${line} has ${row.length} fields, not ${CSV_COLUMNS.length}`);
    const fields = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i]!])) as Record<(typeof CSV_COLUMNS)[number], string>;
    const meta = parseStoredJson(fields.meta);
    const problem = columnProblem(fields, meta);
    const record = {
      id: fields.id,
      stream: fields.stream,
      revision: integerOrText(fields.revision),
      position: fields.position,
      type: fields.type,
      schemaVersion: integerOrText(fields.schemaVersion),
      data: parseStoredJson(fields.data),
      meta,
    };
    return { line, stream: fields.stream, record, ...(problem ? { columnProblem: problem } : {}) };
  });
  return { entries };
}

/** Where the header and the events disagree: a stream missing, cut short, or with another last hash. */
function headerProblem(
  header: ExportHeader,
  format: ExportFormat,
  streams: Map<string, { events: number; lastHash: string }>,
  total: number,
): Omit<Broken, 'ok' | 'format'> | undefined {
  const at = { line: 1 };
  if (header.export.format !== format) return { ...at, reason: `the header says format ${header.export.format}, verified as ${format}` };
  for (const expected of header.export.streams) {
    const found = streams.get(expected.stream) ?? { events: 0, lastHash: '' };
    if (found.events !== expected.events) {
      return {
        ...at,
        stream: expected.stream,
        brokenRevision: Math.min(found.events, expected.events),
        reason: `the header says ${expected.events} events in ${expected.stream}, the export holds ${found.events}`,
      };
    }
    if (found.lastHash !== expected.lastHash) {
      return {
        ...at,
        stream: expected.stream,
        brokenRevision: found.events - 1,
        reason: `the header says ${expected.stream} ends at hash ${expected.lastHash}, the export ends at ${found.lastHash}`,
      };
    }
  }
  const listed = new Set(header.export.streams.map((s) => s.stream));
  const unlisted = [...streams.keys()].find((stream) => !listed.has(stream));
  if (unlisted !== undefined) return { ...at, stream: unlisted, reason: `stream ${unlisted} is in the export but not in its header` };
  if (header.export.count !== total) return { ...at, reason: `the header says ${header.export.count} events, the export holds ${total}` };
  return undefined;
}

/**
 * The checkpoint the header carries: signed by the key (when one is given), and each exported
 * stream's head proven in its root and still found in the export, as verify checks the store.
 */
function checkpointProblem(
  header: ExportHeader,
  records: Map<string, ChainLink[]>,
  key: CheckpointVerifier | undefined,
): Omit<Broken, 'ok' | 'format'> | undefined {
  const { checkpoint, proofs = [] } = header.export;
  if (!checkpoint) return undefined;
  const at = { line: 1 };
  const signature = key && signatureProblem(checkpoint, key);
  if (signature) return { ...at, reason: signature };
  for (const proof of proofs) {
    const { stream } = proof.head;
    if (!proofLeadsTo(proof, checkpoint.body.root))
      return {
        ...at,
        stream,
        reason: `the inclusion proof of ${stream} does not lead to checkpoint #${checkpoint.body.sequence}'s root ${checkpoint.body.root}`,
      };
    if (!records.has(stream))
      return {
        ...at,
        stream,
        reason: `checkpoint #${checkpoint.body.sequence} proves ${stream} through revision ${proof.head.revision}, the export holds none of it`,
      };
  }
  for (const [stream, events] of records) {
    const proof = proofs.find((p) => p.head.stream === stream);
    if (!proof) return { ...at, stream, reason: `${stream} has no inclusion proof in checkpoint #${checkpoint.body.sequence}` };
    const problem = anchorProblem(events, proof.head, checkpoint);
    if (problem) return { ...at, stream, ...problem };
  }
  return undefined;
}

const linkOf = (event: RecordedEvent): ChainLink => ({ revision: event.revision, position: event.position, hash: event.meta.hash });

/**
 * Checks an export offline, with nothing but its text and the checkpoint key's public half: every
 * stream's hash chain from the genesis hash (the same check verifyStream makes on the store), no
 * revision missing, when the export has a header no stream cut short, and when it carries a
 * checkpoint each stream's head in the signed root. Names the first stream and revision that does not hold.
 */
export function verifyExport(text: string, format: ExportFormat, key?: CheckpointVerifier): ExportVerification {
  let read: { header?: ExportHeader; entries: Entry[] };
  try {
    read = format === 'jsonl' ? readJsonl(text) : readCsv(text);
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, format, line: error.line, reason: error.message };
    throw error;
  }
  const byStream = new Map<string, Entry[]>();
  for (const entry of read.entries) byStream.set(entry.stream, [...(byStream.get(entry.stream) ?? []), entry]);
  const streams = new Map<string, { events: number; lastHash: string }>();
  const records = new Map<string, ChainLink[]>();
  for (const [stream, entries] of byStream) {
    const chain = verifyRecords(
      stream,
      entries.map((entry) => entry.record),
    );
    const columns = entries.findIndex((entry) => entry.columnProblem !== undefined);
    const chainBreak = chain.ok ? entries.length : chain.brokenRevision;
    if (columns !== -1 && columns < chainBreak) {
      return { ok: false, format, line: entries[columns]!.line, stream, brokenRevision: columns, reason: entries[columns]!.columnProblem! };
    }
    if (!chain.ok) return { ok: false, format, line: entries[chain.brokenRevision]!.line, stream, brokenRevision: chain.brokenRevision, reason: chain.reason };
    streams.set(stream, { events: chain.events, lastHash: chain.lastHash });
    // The chain check parsed every record against the event schema: they are recorded events.
    records.set(
      stream,
      entries.map((entry) => linkOf(entry.record as RecordedEvent)),
    );
  }
  if (read.header) {
    const problem = headerProblem(read.header, format, streams, read.entries.length) ?? checkpointProblem(read.header, records, key);
    if (problem) return { ok: false, format, ...problem };
  }
  const checkpoint = read.header?.export.checkpoint;
  return {
    ok: true,
    format,
    events: read.entries.length,
    streams: [...streams].map(([stream, found]) => ({ stream, ...found })),
    countsChecked: read.header !== undefined,
    anchoring: checkpoint ? (key ? 'verified' : 'no-public-key') : 'absent',
    ...(checkpoint ? { checkpoint: { sequence: checkpoint.body.sequence, createdAt: checkpoint.body.createdAt, keyId: checkpoint.keyId } } : {}),
  };
}
