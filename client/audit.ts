import { z } from 'zod';
import type { RecordedEvent } from '../domain/eventEnvelope';
import { replay } from '../domain/processDefinition';
import type { EventStore } from '../eventstore/eventStore';
import { PROCESSES } from '../domain/processes';
import { whatIf, type WhatIfResult } from '../domain/whatIf';
import type { ExportFormat } from './auditor/exportFormat';
import { exportLines, exportStreams } from './auditor/exportStreams';
import type { CheckpointReport, Checkpoints } from './auditor/checkpoints';
import { historyOf, type HistoryEntry } from './auditor/history';
import { verifyStreamAnchored } from './auditor/verifyAnchored';
import { verifyAll, type VerifyAllReport, type VerifyProgress } from './auditor/verifyAll';
import { decodeCursor, limitOf, pageFrom, type Page, type PageRequest } from './paging';
import { ProblemError } from './problem';
import { processOfStream } from './processOfStream';

/** Where to stop a replay: after a revision, or at an instant (events that occurred at or before it). */
export interface ReplayPoint {
  revision?: number;
  at?: string;
}

export interface Replay {
  stream: string;
  /** Revision of the last event folded in, or -1 when none was. */
  revision: number;
  eventsApplied: number;
  state: unknown;
}

/** The process a stream belongs to, or a 404 naming the known ones. */
const processFor = (stream: string) => {
  const definition = processOfStream(stream);
  if (!definition) {
    const known = PROCESSES.map((p) => `${p.name}-…`).join(', ');
    throw new ProblemError({ status: 404, error: 'unknown-process', message: `stream ${stream} belongs to no known process (${known})` });
  }
  return definition;
};

/** Folds a stream's events with the evolve of the process its name belongs to. */
const replayerFor = (stream: string): ((events: RecordedEvent[]) => unknown) => {
  const definition = processFor(stream);
  return (events) => replay(definition, events);
};

/** One stream verified: its chain's result, false as well when the checkpoint it stood on does not hold. */
export interface StreamVerification {
  ok: boolean;
  stream: string;
  /** Intact: how many events, and the last one's hash. */
  events?: number;
  lastHash?: string;
  /** Broken: the first revision that does not hold, and why. */
  brokenRevision?: number;
  reason?: string;
  checkpoint: CheckpointReport;
}

/**
 * What an auditor does, without asking Temporal: read a case's stream, fold it
 * through the domain's evolve to any point, and check the hash chain.
 */
export class Audit {
  constructor(
    private readonly store: EventStore,
    readonly checkpoints: Checkpoints,
  ) {}

  async events(stream: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    return events;
  }

  /** A stream's events a page at a time, from just after the cursor's revision. */
  async eventPage(stream: string, page: PageRequest): Promise<Page<RecordedEvent>> {
    const after = decodeCursor(page.after, z.number().int().nonnegative());
    const limit = limitOf(page);
    const events = await this.store.readStream(stream, after === undefined ? 0 : after + 1, limit + 1);
    if (after === undefined && events.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    return pageFrom(events, limit, (event) => event.revision);
  }

  async replay(stream: string, point: ReplayPoint = {}): Promise<Replay> {
    const fold = replayerFor(stream);
    const events = (await this.events(stream)).filter(
      (e) =>
        (point.revision === undefined || e.revision <= point.revision) && (point.at === undefined || Date.parse(e.meta.occurredAt) <= Date.parse(point.at)),
    );
    return { stream, revision: events.at(-1)?.revision ?? -1, eventsApplied: events.length, state: fold(events) };
  }

  /** Each event with the before/after of every field it changed. */
  async history(stream: string): Promise<HistoryEntry[]> {
    const fold = replayerFor(stream);
    return historyOf(await this.events(stream), fold);
  }

  /**
   * The stream's hash chain from its records as stored (a record that no longer parses is named
   * at its revision), then against the latest kept checkpoint or the auditor's own copy.
   */
  async verify(stream: string, copy?: unknown): Promise<StreamVerification> {
    const { anchor, report } = await this.checkpoints.reference(copy);
    const result = await verifyStreamAnchored(this.store, stream, anchor);
    if (result.ok && result.events === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    return { ...result, ok: result.ok && report.ok, checkpoint: report };
  }

  /** Every stream's hash chain and checkpointed head; `onProgress` after each stream, for long runs. */
  async verifyAll(onProgress?: VerifyProgress, copy?: unknown): Promise<VerifyAllReport & { checkpoint: CheckpointReport }> {
    const { anchor, report } = await this.checkpoints.reference(copy);
    const verified = await verifyAll(this.store, onProgress, anchor);
    return { ...verified, ok: verified.ok && report.ok, checkpoint: report };
  }

  /** The case's recorded inputs re-run under another policy version: what would differ. */
  async whatIf(stream: string, policyVersion: string, until?: string): Promise<WhatIfResult> {
    const definition = processFor(stream);
    const events = await this.events(stream);
    try {
      return whatIf(definition, events, policyVersion, until);
    } catch (error) {
      throw new ProblemError({ status: 400, error: 'what-if.invalid', message: (error as Error).message });
    }
  }

  /** The streams as JSON Lines or CSV, hash chain included, for offline verification; JSON Lines with a checkpoint made for it. */
  async export(streams: readonly string[], format: ExportFormat): Promise<string> {
    return exportStreams(this.store, streams, format, await this.exportAnchor());
  }

  /** The same export as lines read a page at a time while they are sent (the API streams it). */
  async exportLines(streams: readonly string[], format: ExportFormat): Promise<AsyncIterable<string>> {
    return exportLines(this.store, streams, format, await this.exportAnchor());
  }

  /**
   * A checkpoint made for the export; else the latest kept one: when the store diverged from it
   * (the export then shows where), or when this process holds no signing key (it only verifies).
   */
  private async exportAnchor() {
    try {
      return (await this.checkpoints.create()).anchor;
    } catch (error) {
      if (!(error instanceof ProblemError) || !['checkpoint.store-diverged', 'checkpoint-key-unavailable'].includes(error.problem.error)) throw error;
      return (await this.checkpoints.reference()).anchor;
    }
  }
}
