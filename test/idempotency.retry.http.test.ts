import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requestIdOf } from '../client/http/idempotencyKeys';
import { idempotencyKeysPath } from '../client/openOperations';
import { proposedEvent } from '../domain/eventEnvelope';
import { qrbEventVersion } from '../domain/qrb';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { appraisalCommands, appraisalStart } from './support/appraisalViewCases';
import { eventually } from './support/browser';
import { sleepUntil, startedState, today as agencyToday } from './support/timeSkipping';
import { allRatings, board, qrbVoteCast, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * A POST retried with its Idempotency-Key after a failure answers as the first would have, also
 * when the API kept no answer to replay: the key's request goes to Temporal under one Update id
 * (requestIdOf), so Temporal hands a completed update's outcome back, and a workflow that finds
 * the request's events after a lost workflow task answers from them, where a new request would be
 * refused as a second vote.
 */
const retry = suite<{ stack: TestStack; api: ApiUnderTest }>('Idempotency-Key retries after a failure');
retry.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
retry.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

const meets = allRatings('ecq-2025');

const send = async (api: ApiUnderTest, as: string, path: string, key: string, body: unknown) => {
  const response = await fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await api.tokenFor(as)}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** A case with its board convened, over the API. */
const convenedCase = async (api: ApiUnderTest, caseId: string) => {
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId }))).status, 201);
  assert.is((await api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/board`, board())).status, 200);
};

/** A process id that no longer runs (a process started and awaited). */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** What an API process killed after the Update completed, before it kept the answer, leaves: the key taken, no answer, its taker gone. */
const forgetAnswer = (api: ApiUnderTest, personId: string, key: string): void => {
  const keys = new Database(idempotencyKeysPath(api.config));
  try {
    keys.prepare('UPDATE idempotency_keys SET answer = NULL, taken_by = ? WHERE person_id = ? AND key = ?').run(deadPid(), personId, key);
  } finally {
    keys.close();
  }
};

retry('a vote retried after its API process died before keeping the answer gets the first answer, not "already voted"', async ({ stack, api }) => {
  const caseId = 'QRB-RETRY-1';
  await convenedCase(api, caseId);
  const vote = { memberId: 'm-lee', ratings: meets };
  const first = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k1', vote);
  assert.is(first.status, 200, first.text);

  forgetAnswer(api, 'm-lee', 'vote-k1');
  const again = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k1', vote);
  assert.is(again.status, 200, again.text);
  assert.is(again.headers.get('idempotent-replayed'), null, 'it ran again: there was no answer to replay');
  assert.is(again.text, first.text, 'the first answer: the case after the vote');
  assert.is(again.headers.get('etag'), first.headers.get('etag'));

  // The same key with another request is still refused; another person's same key is their own request.
  const other = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k1', { memberId: 'm-lee', ratings: allRatings('ecq-2025', 'does-not-meet') });
  assert.is(other.status, 422, other.text);
  const patel = await send(api, 'm-patel', `/qrb-cases/${caseId}/votes`, 'vote-k1', { memberId: 'm-patel', ratings: meets });
  assert.is(patel.status, 200, patel.text);
  const votes = (await stack.store.readStream(`qrb-${caseId}`)).filter((e) => e.type === 'QrbVoteCast');
  assert.equal(
    votes.map((e) => e.data.memberId),
    ['m-lee', 'm-patel'],
    "m-lee's vote once, and m-patel's under the same key",
  );
});

retry('a start retried after its API process died before keeping the answer gets the case it started, not "already exists"', async ({ stack, api }) => {
  const start = submission({ caseId: 'QRB-RETRY-START' });
  const first = await send(api, 'hr-ana', '/qrb-cases', 'start-k1', start);
  assert.is(first.status, 201, first.text);

  forgetAnswer(api, 'hr-ana', 'start-k1');
  const again = await send(api, 'hr-ana', '/qrb-cases', 'start-k1', start);
  assert.is(again.status, 201, again.text);
  assert.is(again.headers.get('idempotent-replayed'), null, 'it ran again: there was no answer to replay');
  assert.is(again.text, first.text);
  // Another request to start the same case (another key, or none) is still refused.
  const otherKey = await send(api, 'hr-ana', '/qrb-cases', 'start-k2', start);
  assert.is(otherKey.status, 409, otherKey.text);
  assert.is(JSON.parse(otherKey.text).rule, 'already-exists');
  const noKey = await api.call('hr-ana', 'POST', '/qrb-cases', start);
  assert.is(noKey.status, 409);
  assert.is(noKey.body.rule, 'already-exists');
  assert.equal(
    (await stack.store.readStream('qrb-QRB-RETRY-START')).map((e) => e.type),
    ['QrbCaseSubmitted'],
    'started once',
  );
});

retry('a vote whose workflow task was lost after its append, retried with its key, gets its acceptance', async ({ stack, api }) => {
  const caseId = 'QRB-RETRY-2';
  await convenedCase(api, caseId);
  const stream = `qrb-${caseId}`;
  const vote = { memberId: 'm-lee', ratings: meets };
  // The first request's Update appended the vote in a workflow task that was lost (its answer a 5xx, which the key does not keep):
  // the vote is in the stream under the request's update id, the workflow's history knows nothing of it.
  const [submitted] = await stack.store.readStream(stream);
  const lost = qrbVoteCast('m-lee', meets, await stack.now());
  const causationId = requestIdOf('m-lee', 'vote-k2', `post /qrb-cases/${caseId}/votes\n${JSON.stringify(vote)}`);
  await stack.store.append(stream, 1, [
    proposedEvent(lost, qrbEventVersion(lost.type), { ...submitted!.meta, actor: { id: 'm-lee', role: 'qrb-member' }, causationId }),
  ]);

  const retried = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k2', vote);
  assert.is(retried.status, 200, retried.text);
  assert.equal(
    JSON.parse(retried.text).votes.map((v: { memberId: string }) => v.memberId),
    ['m-lee'],
  );
  assert.is(retried.headers.get('etag'), '"2"');
  // A new request for the same vote is a second vote.
  const second = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k3', vote);
  assert.is(second.status, 409, second.text);
  assert.is(JSON.parse(second.text).rule, 'qrb.vote.already-voted');
  assert.equal(
    (await stack.store.readStream(stream)).filter((e) => e.type === 'QrbVoteCast').map((e) => e.meta.causationId),
    [causationId],
  );
});

retry(
  'a vote retried with its key after the case continued as new (Temporal no longer knows its update id) gets the case, not "already voted"',
  async ({ stack, api }) => {
    const caseId = 'QRB-RETRY-3';
    const stream = `qrb-${caseId}`;
    // Started with the lowest history limit, so that the vote's run continues as new right after it.
    await stack.env.client.workflow.start('qrbCase', {
      taskQueue: stack.taskQueue,
      workflowId: stream,
      args: [{ start: submission({ caseId }), historyLimit: 20 }],
    });
    // The history's length at the vote must not depend on timing: a board convened before the first
    // workflow task ran would share it, three events fewer, and the vote's run would not reach the limit.
    await startedState(stack.qrb, caseId);
    assert.is((await api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/board`, board())).status, 200);
    const handle = stack.env.client.workflow.getHandle(stream);
    const runBefore = (await handle.describe()).runId;
    const vote = { memberId: 'm-lee', ratings: meets };
    const first = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k4', vote);
    assert.is(first.status, 200, first.text);
    let runAfter = runBefore;
    for (let i = 0; i < 100 && runAfter === runBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runAfter = (await handle.describe()).runId;
    }
    assert.is.not(runAfter, runBefore, 'the case continued as new after the vote');

    forgetAnswer(api, 'm-lee', 'vote-k4');
    const again = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k4', vote);
    assert.is(again.status, 200, again.text);
    assert.is(again.text, first.text, 'nothing happened since: the case as the first answer left it');
    const second = await send(api, 'm-lee', `/qrb-cases/${caseId}/votes`, 'vote-k5', vote);
    assert.is(second.status, 409, 'a new request for the same vote is still a second vote');
    assert.equal(
      (await stack.store.readStream(stream)).filter((e) => e.type === 'QrbVoteCast').map((e) => e.data.memberId),
      ['m-lee'],
    );
  },
);

retry('an action a case takes more than once, retried with its key after the case continued as new, is not recorded twice', async ({ stack, api }) => {
  const caseId = 'APR-RETRY-1';
  const stream = `appraisal-${caseId}`;
  const today = await agencyToday(stack);
  const period = { cycle: 'FY2027', start: addDays(today, 20), end: addDays(today, 139) };
  await stack.env.client.workflow.start('annualAppraisal', {
    taskQueue: stack.taskQueue,
    workflowId: stream,
    args: [{ start: appraisalStart(caseId, { period }), historyLimit: 20 }],
  });
  const supervisor = { id: 'sup-ortiz', role: 'supervisor' };
  const elements = (appraisalCommands(appraisalStart('X'), {}).find((c) => c.type === 'CommunicatePlan') as { elements: object[] }).elements;
  await eventually('the case is drafting its plan', async () => (await api.call('hr-ana', 'GET', `/appraisal-cases/${caseId}`)).body.status === 'PLAN_DRAFT');
  const plan = await api.call('sup-ortiz', 'POST', `/appraisal-cases/${caseId}/actions`, {
    actor: supervisor,
    action: { type: 'CommunicatePlan', elements, communicatedOn: today },
  });
  assert.is(plan.status, 200, JSON.stringify(plan.body));
  await sleepUntil(stack, Date.parse(agencyDayStart(addDays(period.start, 10), 'DOE')) + 12 * 3600_000);
  const review = { actor: supervisor, action: { type: 'RecordProgressReview', heldOn: addDays(period.start, 10), summary: 'On track.' } };
  const handle = stack.env.client.workflow.getHandle(stream);
  const runBefore = (await handle.describe()).runId;
  const first = await send(api, 'sup-ortiz', `/appraisal-cases/${caseId}/actions`, 'review-k1', review);
  assert.is(first.status, 200, first.text);
  // Later reviews (a case takes any number) until the run continues as new.
  for (let i = 0; i < 20 && (await handle.describe()).runId === runBefore; i++) {
    assert.is((await api.call('sup-ortiz', 'POST', `/appraisal-cases/${caseId}/actions`, review)).status, 200);
  }
  assert.is.not((await handle.describe()).runId, runBefore, 'the case continued as new');

  forgetAnswer(api, 'sup-ortiz', 'review-k1');
  const reviewsBefore = (await stack.store.readStream(stream)).length;
  const again = await send(api, 'sup-ortiz', `/appraisal-cases/${caseId}/actions`, 'review-k1', review);
  assert.is(again.status, 200, again.text);
  const causationId = requestIdOf('sup-ortiz', 'review-k1', `post /appraisal-cases/${caseId}/actions\n${JSON.stringify(review)}`);
  const events = await stack.store.readStream(stream);
  assert.is(events.length, reviewsBefore, 'nothing recorded by the retry');
  assert.is(events.filter((e) => e.meta.causationId === causationId).length, 1, 'the keyed review once');
});

retry.run();
