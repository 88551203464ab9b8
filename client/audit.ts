import type { RecordedEvent } from '../domain/eventEnvelope';
import { qrbStreamName, replayQrb, type QrbState } from '../domain/qrb';
import type { EventStore } from '../eventstore/eventStore';
import { verifyStream } from '../eventstore/verifyStream';
import { ProblemError } from './problem';

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
  state: QrbState;
}

/**
 * What an auditor does, without asking Temporal: read a case's stream, fold it
 * through the domain's evolve to any point, and check the hash chain.
 */
export class Audit {
  constructor(private readonly store: EventStore) {}

  async events(stream: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new ProblemError({ status: 404, error: 'not-found', message: `no events in stream ${stream}` });
    return events;
  }

  async replayQrbCase(caseId: string, point: ReplayPoint = {}): Promise<Replay> {
    const stream = qrbStreamName(caseId);
    const events = (await this.events(stream)).filter(
      (e) =>
        (point.revision === undefined || e.revision <= point.revision) &&
        (point.at === undefined || Date.parse(e.meta.occurredAt) <= Date.parse(point.at)),
    );
    return { stream, revision: events.at(-1)?.revision ?? -1, eventsApplied: events.length, state: replayQrb(events) };
  }

  async verify(stream: string) {
    await this.events(stream);
    return verifyStream(this.store, stream);
  }
}
