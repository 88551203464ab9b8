import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { proposedEvent, type EventMeta } from '../domain/eventEnvelope';
import { qrbEventVersion, type QrbEvent, type QrbState } from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { verifyStream } from '../eventstore/verifyStream';
import { allRatings, board, daysBefore, qrbConvened, qrbVoteCast, submission } from './support/qrbFixtures';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * A case whose appends run as a local activity writes to its stream before Temporal records the
 * workflow task. When that task is lost (the worker or the server died before it completed, the
 * update with it), the stream holds events of the run its history does not know: here, written
 * straight to the store as the lost task would have, under an update id no history holds. The case
 * must fold them and go on, never conflict with its own stream for ever; and the lost command, sent
 * again under its update id (as the HTTP API does for a retry with the same Idempotency-Key), gets
 * its original answer, not a refusal of itself.
 */
const lostTask = suite<{ stack: TestStack }>('a lost workflow task');
lostTask.before(async (context) => {
  context.stack = await startTestStack();
});
lostTask.after(async ({ stack }) => {
  await stack.stop();
});

const meets = allRatings('ecq-2025');

/** A case started with its announcement closed 10 days ago; its stream and the meta of its first event. */
const startCase = async (stack: TestStack, caseId: string) => {
  const now = await stack.now();
  const { stream } = await stack.qrb.start(submission({ caseId, position: { ...submission().position, announcementClosedOn: daysBefore(now, 10) } }));
  await stack.qrb.status(caseId); // answered once the first workflow task, and its append, completed
  const [submitted] = await stack.store.readStream(stream);
  return { stream, now, meta: submitted!.meta };
};

/** What a lost workflow task of this run leaves: its event in the stream at `revision`, under `causationId` (the lost update's id). */
const writeLost = async (stack: TestStack, stream: string, revision: number, event: QrbEvent, meta: EventMeta, actor: Actor, causationId: string) => {
  await stack.store.append(stream, revision, [proposedEvent(event, qrbEventVersion(event.type), { ...meta, actor, causationId })]);
};

lostTask('events of a lost workflow task are folded by the next command; the case goes on from its stream', async ({ stack }) => {
  const caseId = 'QRB-LOST-TASK';
  const { stream, now, meta } = await startCase(stack, caseId);
  await writeLost(stack, stream, 0, qrbConvened(board(), now), meta, { id: 'opm-kim', role: 'opm-qrb-staff' }, 'lost-update');

  // The convene retried under a new update id: decided again on the caught-up state, refused as a convened board.
  const retried = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.convene', board()));
  assert.is(retried.status, 409, JSON.stringify(retried));
  const voted = (await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets })) as QrbState;
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
});

lostTask('a vote sent again under its update id after its workflow task was lost gets its acceptance, not "already voted"', async ({ stack }) => {
  const caseId = 'QRB-LOST-VOTE';
  const { stream, now, meta } = await startCase(stack, caseId);
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  await writeLost(stack, stream, 1, qrbVoteCast('m-lee', meets, now), meta, { id: 'm-lee', role: 'qrb-member' }, 'request-lee-1');

  const retried = (await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }, {}, 'request-lee-1')) as QrbState;
  assert.is(retried.status, 'BOARD_CONVENED');
  assert.equal(
    retried.votes.map((v) => v.memberId),
    ['m-lee'],
  );
  // Another request (another update id) for the same vote is a second vote: refused.
  const second = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }, {}, 'request-lee-2'));
  assert.is(second.status, 409, JSON.stringify(second));
  assert.is(second.error, 'qrb.vote.already-voted');

  const votes = (await stack.store.readStream(stream)).filter((e) => e.type === 'QrbVoteCast');
  assert.equal(
    votes.map((e) => [e.data.memberId, e.meta.causationId]),
    [['m-lee', 'request-lee-1']],
    'the vote once, as the lost task wrote it',
  );
  assert.equal((await stack.audit.replay(stream)).state, await stack.qrb.status(caseId), 'the workflow agrees with its stream');
});

lostTask("a vote sent again after another person's command folded its lost events still gets its acceptance", async ({ stack }) => {
  const caseId = 'QRB-LOST-VOTE-FOLDED';
  const { stream, now, meta } = await startCase(stack, caseId);
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  await writeLost(stack, stream, 1, qrbVoteCast('m-lee', meets, now), meta, { id: 'm-lee', role: 'qrb-member' }, 'request-lee-1');

  // m-patel's vote meets m-lee's lost one at its revision: folds it, then is decided after it.
  const patel = (await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: meets })) as QrbState;
  assert.equal(
    patel.votes.map((v) => v.memberId),
    ['m-lee', 'm-patel'],
  );
  // m-lee's retry, If-Match as m-lee read the case then: answered from the folded vote, not refused as a second vote or a stale read.
  const retried = (await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }, { expectedRevision: 1 }, 'request-lee-1')) as QrbState;
  assert.equal(
    retried.votes.map((v) => v.memberId),
    ['m-lee', 'm-patel'],
  );
  // Answered once: that id comes back to Temporal's own record of the update now, and a new id is a new vote.
  const second = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }, {}, 'request-lee-2'));
  assert.is(second.error, 'qrb.vote.already-voted');

  const votes = (await stack.store.readStream(stream)).filter((e) => e.type === 'QrbVoteCast');
  assert.equal(
    votes.map((e) => [e.data.memberId, e.meta.causationId === 'request-lee-1']),
    [
      ['m-lee', true],
      ['m-patel', false],
    ],
  );
  assert.equal((await stack.audit.replay(stream)).state, await stack.qrb.status(caseId), 'the workflow agrees with its stream');
  assert.ok((await verifyStream(stack.store, stream)).ok);
  // The answered retry's side of answer-retries-from-folded-events, for histories.replay.
  await recordHistory('qrbCase-lostVoteRetried', stack.env.client.workflow.getHandle(stream));
});

lostTask.run();
