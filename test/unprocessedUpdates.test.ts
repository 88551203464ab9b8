import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toProblem } from '../client/problem';
import { sendUntilProcessed } from '../client/unprocessedUpdates';

/**
 * An Update the server rejected unprocessed (the error the client throws then, as the dev server
 * sends it; test/qrb.concurrency meets the real one) is sent again; any other answer is final.
 */
const unprocessed = suite('Updates rejected unprocessed');

const rejectedUnprocessed = () =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({
      type: 'UnprocessedUpdate',
      message: "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.",
      nonRetryable: true,
    }),
  );

/** A send answered by `answers` in turn: an Error is thrown, anything else returned; and how many sends it took. */
const sender = (...answers: unknown[]) => {
  const sent = { count: 0 };
  const send = async () => {
    const answer = answers[sent.count++];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { send, sent };
};

unprocessed('sent again until taken up: the answer of the send that was', async () => {
  const { send, sent } = sender(rejectedUnprocessed(), rejectedUnprocessed(), { status: 'BOARD_CONVENED' });
  assert.equal(await sendUntilProcessed(send), { status: 'BOARD_CONVENED' });
  assert.is(sent.count, 3);
});

unprocessed('five rejections: the last is thrown, a 503 case-busy to retry after a second', async () => {
  const { send, sent } = sender(...Array.from({ length: 6 }, rejectedUnprocessed));
  const error = await sendUntilProcessed(send).then(
    () => assert.unreachable('five rejections are thrown'),
    (thrown: unknown) => thrown,
  );
  assert.is(sent.count, 5);
  const problem = toProblem(error);
  assert.is(problem.status, 503);
  assert.is(problem.error, 'case-busy');
  assert.is(problem.retryAfterSeconds, 1);
  assert.match(problem.message, /nothing was recorded/);
});

unprocessed("a refusal of the workflow's own is not sent again", async () => {
  const refused = new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type: 'DomainError', message: 'm-lee has already voted', nonRetryable: true }),
  );
  const { send, sent } = sender(refused, { status: 'BOARD_CONVENED' });
  await sendUntilProcessed(send).then(
    () => assert.unreachable('the refusal is thrown'),
    (thrown: unknown) => assert.is(thrown, refused),
  );
  assert.is(sent.count, 1);
});

unprocessed.run();
