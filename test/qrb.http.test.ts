import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { startTestStack, type TestStack } from './support/testStack';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startedState, today } from './support/timeSkipping';

/** The HTTP API end to end: real server, real Temporal (time-skipping), real SQLite store. */
const http = suite<{ stack: TestStack; api: ApiUnderTest }>('HTTP API');
const meets = allRatings('ecq-2025');

http.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
http.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

http('a case from submission to decision, then audited', async ({ api }) => {
  const created = await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-1' }));
  assert.is(created.status, 201);
  assert.is(created.body.stream, 'qrb-QRB-HTTP-1');
  assert.is((await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-1/board', board())).body.status, 'BOARD_CONVENED');
  for (const memberId of ['m-lee', 'm-patel', 'm-chen']) {
    assert.is((await api.call(memberId, 'POST', '/qrb-cases/QRB-HTTP-1/votes', { memberId, ratings: meets })).status, 200);
  }
  const status = await api.call('hr-ana', 'GET', '/qrb-cases/QRB-HTTP-1');
  assert.is(status.body.status, 'APPROVED');

  const events = await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-HTTP-1/events');
  assert.is(events.body.items.length, 6);
  assert.is(events.body.next, null);
  const replay = await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-HTTP-1/replay');
  assert.equal(replay.body.state, status.body);
  const atConvening = await api.call('aud-frank', 'GET', `/audit/streams/qrb-QRB-HTTP-1/replay?at=${encodeURIComponent(events.body.items[1].meta.occurredAt)}`);
  assert.ok(atConvening.body.revision >= 1);
  assert.is((await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-HTTP-1/replay?revision=0')).body.state.status, 'SUBMITTED_TO_OPM');
  const verify = await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-HTTP-1/verify');
  assert.is(verify.body.ok, true);
});

http('a QRB decision through the generic actions route as well: {actor, action}, the actor held to the token', async ({ api }) => {
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-ACT' }))).status, 201);
  const convene = { actor: { id: 'opm-kim', role: 'opm-qrb-staff' }, action: { type: 'ConveneQrbBoard', assignment: board() } };
  const asOther = await api.call('hr-ana', 'POST', '/qrb-cases/QRB-HTTP-ACT/actions', convene);
  assert.is(asOther.status, 403);
  assert.match(asOther.body.detail, /actor\.id names opm-kim/);
  const convened = await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-ACT/actions', convene);
  assert.is(convened.status, 200, JSON.stringify(convened.body));
  assert.is(convened.body.status, 'BOARD_CONVENED');
  assert.is(convened.headers.get('etag'), '"1"');
  const twice = await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-ACT/board', board());
  assert.is(twice.status, 409, 'the named route and the generic one decide alike');
  assert.is(twice.body.rule, 'qrb.board.not-awaiting-board');
});

http('bad input is 400 naming the field and the rule; nothing is started', async ({ api }) => {
  const bad = await api.call('hr-ana', 'POST', '/qrb-cases', { ...submission({ caseId: 'QRB-HTTP-2' }), criterion: 'D' });
  assert.is(bad.status, 400);
  assert.is(bad.body.rule, 'validation');
  assert.is(bad.body.issues[0].field, 'criterion');
  assert.is(bad.body.issues[0].rule, 'invalid_value');
  assert.is((await api.call('hr-ana', 'GET', '/qrb-cases/QRB-HTTP-2')).status, 404, 'no workflow was started');

  const notJson = await api.call('hr-ana', 'POST', '/qrb-cases', undefined, '{"caseId": ');
  assert.is(notJson.status, 400);
  assert.is(notJson.body.rule, 'invalid-json');
  const badQuery = await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-HTTP-1/replay?revision=-1');
  assert.is(badQuery.status, 400);
  assert.is(badQuery.body.issues[0].field, 'query.revision');
});

http('a rule refusal is 422 and a state conflict 409', async ({ api }) => {
  const sameOfficial = await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-3', selectingOfficialId: 'hr-ana' }));
  assert.is(sameOfficial.status, 422);
  assert.is(sameOfficial.body.rule, 'qrb.submit.separation-of-duties');
  assert.is(sameOfficial.body.issues[0].field, 'selectingOfficialId');

  await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-4' }));
  const ownAgency = board();
  ownAgency.members[0]!.agency = 'DOE';
  const refusedBoard = await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-4/board', ownAgency);
  assert.is(refusedBoard.status, 422);
  assert.is(refusedBoard.body.issues[0].field, 'members.0.agency');
  assert.is((await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-4/board', board())).status, 200);
  const again = await api.call('opm-kim', 'POST', '/qrb-cases/QRB-HTTP-4/board', board());
  assert.is(again.status, 409);
  assert.is(again.body.rule, 'qrb.board.not-awaiting-board');
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-4' }))).status, 409);
});

http('unknown cases and routes are 404; a wrong method is 405', async ({ api }) => {
  assert.is((await api.call('hr-ana', 'GET', '/qrb-cases/QRB-NOPE')).status, 404);
  assert.is((await api.call('m-lee', 'POST', '/qrb-cases/QRB-NOPE/votes', { memberId: 'm-lee', ratings: meets })).status, 404);
  assert.is((await api.call('aud-frank', 'GET', '/audit/streams/qrb-QRB-NOPE/events')).status, 404);
  assert.is((await api.call('hr-ana', 'GET', '/nowhere')).status, 404);
  assert.is((await api.call('hr-ana', 'DELETE', '/qrb-cases/QRB-HTTP-1')).status, 405);
});

/** The probation example, effective today on the test server's clock. */
const probationStart = async (stack: TestStack, caseId: string) => {
  const body = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'probation-start.json'), 'utf8'));
  return { ...body, caseId, appointmentEffectiveDate: await today(stack) };
};
/** A probation case once its first event is recorded, read through the API. */
const started = (api: ApiUnderTest, caseId: string) =>
  startedState(
    { status: async (id) => (await api.call('hr-ana', 'GET', `/probation-cases/${id}`)).body as { status: string; policyVersion: string; endDate: string } },
    caseId,
  );
const assessment = () => JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'probation-assessment.json'), 'utf8'));

http('every other process: start, act, status and replay through the same routes', async ({ api, stack }) => {
  const started = await api.call('hr-ana', 'POST', '/probation-cases', await probationStart(stack, 'EX-HTTP-1'));
  assert.is(started.status, 201);
  assert.is(started.body.stream, 'probation-EX-HTTP-1');
  const acted = await api.call('sup-ortiz', 'POST', '/probation-cases/EX-HTTP-1/actions', assessment());
  assert.is(acted.status, 200, JSON.stringify(acted.body));
  assert.is(acted.body.assessments[0].conclusion, 'meets-level-of-excellence');
  const status = await api.call('hr-ana', 'GET', '/probation-cases/EX-HTTP-1');
  assert.equal(status.body, acted.body);
  const replay = await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-HTTP-1/replay');
  assert.equal(replay.body.state, status.body);

  const wrongRole = await api.call('sup-ortiz', 'POST', '/probation-cases/EX-HTTP-1/actions', {
    ...assessment(),
    actor: { id: 'sup-ortiz', role: 'appointing-authority' },
  });
  assert.is(wrongRole.status, 403, 'sup-ortiz does not hold the role the body claims');
  assert.match(wrongRole.body.detail, /appointing-authority, a role sup-ortiz does not hold/);
  const badAction = await api.call('sup-ortiz', 'POST', '/probation-cases/EX-HTTP-1/actions', {
    actor: { id: 'sup-ortiz', role: 'supervisor' },
    action: { type: 'Promote' },
  });
  assert.is(badAction.status, 400);
  assert.is(badAction.body.issues[0].field, 'action.type');
  assert.is((await api.call('hr-ana', 'GET', '/rotation-cases/ROT-NOPE')).status, 404);
  assert.is((await api.call('aud-frank', 'GET', '/audit/streams/appraisal-X/replay')).status, 404);
});

http('a what-if policy is chosen only on request: 2-year probation', async ({ api, stack }) => {
  const start = await probationStart(stack, 'EX-HTTP-2');
  await api.call('hr-ana', 'POST', '/probation-cases?policyVersion=what-if-2yr-probation', start);
  const whatIf = await started(api, 'EX-HTTP-2');
  assert.is(whatIf.policyVersion, 'what-if-2yr-probation');
  const effective = Date.parse(start.appointmentEffectiveDate);
  assert.ok(Date.parse(whatIf.endDate) - effective > 700 * 86_400_000, whatIf.endDate);
  await api.call('hr-ana', 'POST', '/probation-cases', await probationStart(stack, 'EX-HTTP-3'));
  const normal = await started(api, 'EX-HTTP-3');
  assert.is(normal.policyVersion, 'ses-2025-10-01');
  assert.ok(Date.parse(normal.endDate) - effective < 366 * 86_400_000, normal.endDate);
});

http.run();
