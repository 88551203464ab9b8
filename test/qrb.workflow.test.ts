import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { toProblem } from '../client/problem';
import { QrbCases } from '../client/qrbCases';
import { createWorker } from '../worker/createWorker';
import { workflowBundle } from './support/workflowBundle';
import { qrbStatusQuery } from '../workflows/qrbCaseMessages';
import { startTestStack, type TestStack } from './support/testStack';
import { allRatings, board, submission } from './support/qrbFixtures';

/**
 * The QRB workflow on the time-skipping server with the real worker, bundle and
 * SQLite store: every event durable in the stream, replay equal to the live state.
 */
const qrb = suite<{ stack: TestStack }>('QRB workflow (time-skipping server)');
const meets = allRatings('ecq-2025');

qrb.before(async (context) => {
  context.stack = await startTestStack();
});
qrb.after(async ({ stack }) => {
  await stack.stop();
});

const refusalOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return toProblem(error);
  }
  throw new Error('expected the update to be refused');
};

qrb('approved path: submit, convene, three votes; stream, replay and chain agree with the workflow', async ({ stack }) => {
  const caseId = 'QRB-WF-APPROVED';
  const started = await stack.qrb.submit(submission({ caseId }));
  assert.is(started.workflowId, `qrb-${caseId}`);
  await stack.qrb.conveneBoard(caseId, board());
  await stack.qrb.castVote(caseId, { memberId: 'm-lee', ratings: meets });
  await stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: meets });
  const afterLast = await stack.qrb.castVote(caseId, { memberId: 'm-chen', ratings: meets, comment: 'Strong record.' });
  assert.is(afterLast.status, 'APPROVED');

  const handle = stack.env.client.workflow.getHandle(started.workflowId);
  const result = await handle.result();
  assert.equal(result, afterLast);

  const events = await stack.audit.events(started.stream);
  assert.equal(
    events.map((e) => e.type),
    ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast', 'QrbVoteCast', 'QrbVoteCast', 'QrbCaseApproved'],
  );
  assert.equal(events.map((e) => e.meta.actor.id), ['hr-ana', 'opm-kim', 'm-lee', 'm-patel', 'm-chen', 'm-chen']);
  assert.ok(events.every((e) => e.meta.policyVersion === 'ses-2025-10-01' && e.meta.workflowId === started.workflowId));

  const replay = await stack.audit.replayQrbCase(caseId);
  assert.equal(replay.state, await handle.query(qrbStatusQuery));
  const partial = await stack.audit.replayQrbCase(caseId, { revision: 1 });
  assert.is(partial.state.status, 'BOARD_CONVENED');
  assert.is(partial.state.votes.length, 0);
  const verified = await stack.audit.verify(started.stream);
  assert.ok(verified.ok);

  if (process.env.RECORD_HISTORIES === '1') {
    const history = await handle.fetchHistory();
    writeFileSync(join(__dirname, 'histories', 'qrbCase-approved.json'), historyToJSON(history));
  }
});

qrb('disapproved path: the decision names the failing ECQs', async ({ stack }) => {
  const caseId = 'QRB-WF-DISAPPROVED';
  await stack.qrb.submit(submission({ caseId }));
  await stack.qrb.conveneBoard(caseId, board());
  const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
  await stack.qrb.castVote(caseId, { memberId: 'm-lee', ratings: weak });
  await stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: meets });
  const state = await stack.qrb.castVote(caseId, { memberId: 'm-chen', ratings: weak });
  assert.is(state.status, 'DISAPPROVED');
  assert.equal(state.decision?.failingEcqs, ['driving-efficiency']);
  const events = await stack.audit.events(`qrb-${caseId}`);
  assert.is(events.at(-1)?.type, 'QrbCaseDisapproved');
});

qrb('every refused vote is refused by the validator and leaves no trace', async ({ stack }) => {
  const caseId = 'QRB-WF-REFUSALS';
  const { workflowId, stream } = await stack.qrb.submit(submission({ caseId }));
  await stack.qrb.conveneBoard(caseId, board());
  await stack.qrb.castVote(caseId, { memberId: 'm-lee', ratings: meets });

  const stranger = await refusalOf(stack.qrb.castVote(caseId, { memberId: 'm-stranger', ratings: meets }));
  assert.is(stranger.status, 422);
  assert.is(stranger.error, 'qrb.vote.not-a-board-member');
  const twice = await refusalOf(stack.qrb.castVote(caseId, { memberId: 'm-lee', ratings: meets }));
  assert.is(twice.status, 409);
  assert.is(twice.error, 'qrb.vote.already-voted');
  const unknownEcq = await refusalOf(stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: { ...meets, charisma: 'meets' } }));
  assert.is(unknownEcq.status, 422);
  assert.equal(unknownEcq.issues?.[0]?.field, 'ratings.charisma');
  const badShape = await refusalOf(stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: { 'leading-people': 'maybe' } }));
  assert.is(badShape.status, 400);
  assert.is(badShape.issues?.[0]?.field, 'ratings.leading-people');

  assert.is((await stack.audit.events(stream)).length, 3, 'refused votes appended nothing');
  await stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: meets });
  await stack.qrb.castVote(caseId, { memberId: 'm-chen', ratings: meets });
  const afterDecision = await refusalOf(stack.qrb.castVote(caseId, { memberId: 'm-chen', ratings: meets }));
  assert.is(afterDecision.status, 409);
  assert.is(afterDecision.error, 'qrb.vote.case-decided');

  // Validator rejections never enter the workflow history: only the 4 accepted updates do.
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  assert.is(accepted.length, 4);
  assert.is((await stack.audit.events(stream)).length, 6);
});

qrb('members who have not voted are reminded after the policy delay, and the case waits on', async ({ stack }) => {
  const caseId = 'QRB-WF-REMINDER';
  const { workflowId } = await stack.qrb.submit(submission({ caseId }));
  await stack.qrb.conveneBoard(caseId, board());
  await stack.qrb.castVote(caseId, { memberId: 'm-lee', ratings: meets });
  const handle = stack.env.client.workflow.getHandle(workflowId);

  await stack.env.sleep('6 days');
  assert.is((await handle.query(qrbStatusQuery)).remindersSent.length, 0, 'no reminder before 7 days');
  await stack.env.sleep('2 days');
  const reminded = await handle.query(qrbStatusQuery);
  assert.is(reminded.status, 'BOARD_CONVENED');
  assert.equal(reminded.remindersSent.map((r) => r.pendingMemberIds), [['m-patel', 'm-chen']]);
  const convenedAt = Date.parse(reminded.convenedAt!);
  const sentAfter = Date.parse(reminded.remindersSent[0]!.at) - convenedAt;
  assert.ok(sentAfter >= 7 * 86_400_000 && sentAfter < 7 * 86_400_000 + 60_000, `reminder sent ${sentAfter} ms after convening`);

  await stack.qrb.castVote(caseId, { memberId: 'm-patel', ratings: meets });
  await stack.env.sleep('7 days');
  const again = await handle.query(qrbStatusQuery);
  assert.equal(again.remindersSent.map((r) => r.pendingMemberIds), [['m-patel', 'm-chen'], ['m-chen']]);

  await stack.qrb.castVote(caseId, { memberId: 'm-chen', ratings: meets });
  assert.is((await handle.result()).status, 'APPROVED');
  const types = (await stack.audit.events(`qrb-${caseId}`)).map((e) => e.type);
  assert.equal(types.filter((t) => t === 'QrbVoteReminderSent').length, 2);
});

qrb('a second start of the same case is refused, not duplicated', async ({ stack }) => {
  const caseId = 'QRB-WF-DUPLICATE';
  await stack.qrb.submit(submission({ caseId }));
  const duplicate = await refusalOf(stack.qrb.submit(submission({ caseId })));
  assert.is(duplicate.status, 409);
  assert.is(duplicate.error, 'already-exists');
});

qrb('a board convened in the very first workflow task waits for the submission instead of being refused', async ({ stack }) => {
  // No worker polls this queue yet, so the start and the update reach the workflow in one activation.
  const taskQueue = `${stack.taskQueue}-cold`;
  const caseId = 'QRB-WF-COLD-START';
  const cold = new QrbCases(stack.env.client, taskQueue);
  await cold.submit(submission({ caseId }));
  const convening = cold.conveneBoard(caseId, board());
  await new Promise((resolve) => setTimeout(resolve, 500));
  const worker = await createWorker({ connection: stack.env.nativeConnection, namespace: stack.env.namespace ?? 'default', taskQueue, store: stack.store, workflowBundle: await workflowBundle() });
  const state = await worker.runUntil(convening);
  assert.is(state.status, 'BOARD_CONVENED');
  assert.equal((await stack.audit.events(`qrb-${caseId}`)).map((e) => e.type), ['QrbCaseSubmitted', 'QrbBoardConvened']);
});

qrb.run();
