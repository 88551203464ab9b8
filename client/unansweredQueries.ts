import { isGrpcCancelledError, isGrpcDeadlineError, type Client } from '@temporalio/client';

/** How long one query may take before it is asked again: a case's state answers in milliseconds, a closed case replayed on a loaded worker in seconds. */
const QUERY_DEADLINE_MS = 10_000;
/** Times a query is asked before it is given up (a 503 the person can retry). */
const QUERY_TRIES = 3;

/** A query asked `tries` times and never answered within its deadline; `cause` is the last ask's error. */
export class QueryUnansweredError extends Error {
  override readonly name = 'QueryUnansweredError';

  constructor(tries: number, deadlineMs: number, options: { cause: unknown }) {
    super(`the case's workflow did not answer: asked ${tries} times, ${deadlineMs / 1000} s each`, options);
  }
}

/**
 * Unanswered by the deadline: the client's deadline error, or the server's side of the same
 * deadline. The server ends a call whose deadline passed by cancelling its stream, which
 * reaches the client as gRPC CANCELLED ("Call cancelled") when it comes before the client's
 * own timer fires, as on a loaded machine (a 500 in CI's fault run, reproduced with 8 kills).
 * Nothing here cancels a query, so a cancel is always that.
 */
const unanswered = (error: unknown): boolean => isGrpcDeadlineError(error) || isGrpcCancelledError(error);

/**
 * Asks a query, each time with a deadline, and asks again (a new query, a new task) when the
 * deadline passes unanswered. A query's task can be lost: on the time-skipping server a worker
 * evicting a run that had just completed dropped the query buffered for it ("leftover buffered
 * tasks when evicting run"), and with no deadline the call waited for ever, leaving the case page
 * on the state before the decision it had just recorded (test/web.qrb, a withdrawal, twice in CI).
 * After a worker is killed, a query sent to its sticky queue waits there about 10 s before the
 * server sends it to the new worker. A query changes nothing, so asking again is safe.
 */
export const askUntilAnswered = async <T>(
  client: Client,
  ask: () => Promise<T>,
  { deadlineMs = QUERY_DEADLINE_MS, tries = QUERY_TRIES }: { deadlineMs?: number; tries?: number } = {},
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.withDeadline(Date.now() + deadlineMs, ask);
    } catch (error) {
      if (!unanswered(error)) throw error;
      if (attempt === tries) throw new QueryUnansweredError(tries, deadlineMs, { cause: error });
    }
  }
};
