import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';

/** Times an Update is sent while the server rejects it unprocessed. */
const ATTEMPTS = 5;

/**
 * Whether the Temporal server rejected an Update because the workflow task that carried it was
 * completed without an answer to it (`UnprocessedUpdate`): it was neither validated nor applied,
 * so sending it again changes nothing twice. The dev server does this, now and then, to one of
 * many Updates reaching a case at once (test/qrb.concurrency: 20 identical votes).
 */
export const isUnprocessedUpdate = (error: unknown): boolean =>
  error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'UnprocessedUpdate';

/** Sends an Update again while the server rejects it unprocessed, ATTEMPTS times at most; then its rejection is thrown. */
export const sendUntilProcessed = async <T>(send: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt === ATTEMPTS || !isUnprocessedUpdate(error)) throw error;
    }
  }
};
