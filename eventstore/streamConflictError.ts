import type { ExpectedRevision } from './eventStore';

/**
 * The stream is not where the appender believed it was, or a different event already holds
 * one of the revisions. Never retried: the caller must re-read the stream and decide again.
 */
export class StreamConflictError extends Error {
  override readonly name = 'StreamConflictError';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision when the append was refused. */
    readonly actual: number | 'no_stream',
  ) {
    super(`append to stream "${stream}" expected revision ${expected} but the stream is at ${actual}`);
  }
}
