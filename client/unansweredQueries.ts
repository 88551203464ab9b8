import { isGrpcDeadlineError, type Client } from '@temporalio/client';

/** How long one query may take before it is asked again: a case's state answers in milliseconds, a closed case replayed on a loaded worker in seconds. */
const QUERY_DEADLINE_MS = 10_000;
/** Times a query is asked before its deadline error is thrown (a 503 the person can retry). */
const QUERY_TRIES = 3;

/**
 * Asks a query, each time with a deadline, and asks again (a new query, a new task) when the
 * deadline passes unanswered. A query's task can be lost: on the time-skipping server a worker
 * evicting a run that had just completed dropped the query buffered for it ("leftover buffered
 * tasks when evicting run"), and with no deadline the call waited for ever, leaving the case page
 * on the state before the decision it had just recorded (test/web.qrb, a withdrawal, twice in CI).
 * A query changes nothing, so asking again is safe.
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
      if (attempt === tries || !isGrpcDeadlineError(error)) throw error;
    }
  }
};
