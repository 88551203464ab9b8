import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { proposedEvent } from '../domain/eventEnvelope';
import { qrbEventVersion, type QrbState } from '../domain/qrb';
import { verifyStream } from '../eventstore/verifyStream';
import { allRatings, board, daysBefore, qrbConvened, submission } from './support/qrbFixtures';
import { refusalOf } from './support/refusalOf';
import { startTestStack } from './support/testStack';

/**
 * A case whose appends run as a local activity writes to its stream before Temporal records the
 * workflow task. When that task is lost (the worker or the server died before it completed, the
 * update with it), the stream holds events of the run its history does not know: here, a board
 * convened under an update id no history holds, written straight to the store as the lost task
 * would have. The case must fold them and go on, never conflict with its own stream for ever.
 */
test('events of a lost workflow task are folded by the next command; the case goes on from its stream', async () => {
  const stack = await startTestStack();
  try {
    const caseId = 'QRB-LOST-TASK';
    const now = await stack.now();
    const { stream } = await stack.qrb.start(submission({ caseId, position: { ...submission().position, announcementClosedOn: daysBefore(now, 10) } }));
    await stack.qrb.status(caseId); // answered once the first workflow task, and its append, completed
    const [submitted] = await stack.store.readStream(stream);
    const lost = qrbConvened(board(), now);
    await stack.store.append(stream, 0, [
      proposedEvent(lost, qrbEventVersion(lost.type), { ...submitted!.meta, actor: { id: 'opm-kim', role: 'opm-qrb-staff' }, causationId: 'lost-update' }),
    ]);

    // The convene retried under a new update id: decided again on the caught-up state, refused as a convened board.
    const retried = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.convene', board()));
    assert.is(retried.status, 409, JSON.stringify(retried));
    const voted = (await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: allRatings('ecq-2025') })) as QrbState;
    assert.is(voted.status, 'BOARD_CONVENED');
    assert.is(voted.votes.length, 1);

    const events = await stack.store.readStream(stream);
    assert.equal(
      events.map((e) => [e.type, e.meta.causationId === 'lost-update']),
      [
        ['QrbCaseSubmitted', false],
        ['QrbBoardConvened', true],
        ['QrbVoteCast', false],
      ],
      'the lost convene once, the vote after it',
    );
    assert.equal((await stack.audit.replay(stream)).state, await stack.qrb.status(caseId), 'the workflow agrees with its stream');
    assert.ok((await verifyStream(stack.store, stream)).ok);
  } finally {
    await stack.stop();
  }
});

test.run();
