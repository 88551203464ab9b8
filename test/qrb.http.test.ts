import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createApiServer } from '../client/http/apiServer';
import { startTestStack, type TestStack } from './support/testStack';
import { allRatings, board, submission } from './support/qrbFixtures';

/** The HTTP API end to end: real server, real Temporal (time-skipping), real SQLite store. */
const http = suite<{ stack: TestStack; server: Server; base: string }>('HTTP API');
const meets = allRatings('ecq-2025');

http.before(async (context) => {
  context.stack = await startTestStack();
  context.server = createApiServer({ qrb: context.stack.qrb, audit: context.stack.audit });
  await new Promise<void>((resolve) => context.server.listen(0, '127.0.0.1', resolve));
  context.base = `http://127.0.0.1:${(context.server.address() as AddressInfo).port}`;
});
http.after(async ({ stack, server }) => {
  await new Promise((resolve) => server.close(resolve));
  await stack.stop();
});

const call = async (base: string, method: string, path: string, body?: unknown, raw?: string) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

http('a case from submission to decision, then audited', async ({ base }) => {
  const created = await call(base, 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-1' }));
  assert.is(created.status, 201);
  assert.is(created.body.stream, 'qrb-QRB-HTTP-1');
  assert.is((await call(base, 'POST', '/qrb-cases/QRB-HTTP-1/board', board())).body.status, 'BOARD_CONVENED');
  for (const memberId of ['m-lee', 'm-patel', 'm-chen']) {
    assert.is((await call(base, 'POST', '/qrb-cases/QRB-HTTP-1/votes', { memberId, ratings: meets })).status, 200);
  }
  const status = await call(base, 'GET', '/qrb-cases/QRB-HTTP-1');
  assert.is(status.body.status, 'APPROVED');

  const events = await call(base, 'GET', '/audit/streams/qrb-QRB-HTTP-1/events');
  assert.is(events.body.length, 6);
  const replay = await call(base, 'GET', '/audit/qrb-cases/QRB-HTTP-1/replay');
  assert.equal(replay.body.state, status.body);
  const atConvening = await call(base, 'GET', `/audit/qrb-cases/QRB-HTTP-1/replay?at=${encodeURIComponent(events.body[1].meta.occurredAt)}`);
  assert.ok(atConvening.body.revision >= 1);
  assert.is((await call(base, 'GET', '/audit/qrb-cases/QRB-HTTP-1/replay?revision=0')).body.state.status, 'SUBMITTED_TO_OPM');
  const verify = await call(base, 'GET', '/audit/streams/qrb-QRB-HTTP-1/verify');
  assert.is(verify.body.ok, true);
});

http('bad input is 400 naming the field and the rule; nothing is started', async ({ base }) => {
  const bad = await call(base, 'POST', '/qrb-cases', { ...submission({ caseId: 'QRB-HTTP-2' }), criterion: 'D' });
  assert.is(bad.status, 400);
  assert.is(bad.body.error, 'validation');
  assert.is(bad.body.issues[0].field, 'criterion');
  assert.is(bad.body.issues[0].rule, 'invalid_value');
  assert.is((await call(base, 'GET', '/qrb-cases/QRB-HTTP-2')).status, 404, 'no workflow was started');

  const notJson = await call(base, 'POST', '/qrb-cases', undefined, '{"caseId": ');
  assert.is(notJson.status, 400);
  assert.is(notJson.body.error, 'invalid-json');
  const badQuery = await call(base, 'GET', '/audit/qrb-cases/QRB-HTTP-1/replay?revision=-1');
  assert.is(badQuery.status, 400);
  assert.is(badQuery.body.issues[0].field, 'query.revision');
});

http('a rule refusal is 422 and a state conflict 409', async ({ base }) => {
  const sameOfficial = await call(base, 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-3', selectingOfficialId: 'hr-ana' }));
  assert.is(sameOfficial.status, 422);
  assert.is(sameOfficial.body.error, 'qrb.submit.separation-of-duties');
  assert.is(sameOfficial.body.issues[0].field, 'selectingOfficialId');

  await call(base, 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-4' }));
  const ownAgency = board();
  ownAgency.members[0]!.agency = 'DOE';
  const refusedBoard = await call(base, 'POST', '/qrb-cases/QRB-HTTP-4/board', ownAgency);
  assert.is(refusedBoard.status, 422);
  assert.is(refusedBoard.body.issues[0].field, 'members.0.agency');
  assert.is((await call(base, 'POST', '/qrb-cases/QRB-HTTP-4/board', board())).status, 200);
  const again = await call(base, 'POST', '/qrb-cases/QRB-HTTP-4/board', board());
  assert.is(again.status, 409);
  assert.is(again.body.error, 'qrb.board.not-awaiting-board');
  assert.is((await call(base, 'POST', '/qrb-cases', submission({ caseId: 'QRB-HTTP-4' }))).status, 409);
});

http('unknown cases and routes are 404; a wrong method is 405', async ({ base }) => {
  assert.is((await call(base, 'GET', '/qrb-cases/QRB-NOPE')).status, 404);
  assert.is((await call(base, 'POST', '/qrb-cases/QRB-NOPE/votes', { memberId: 'm-lee', ratings: meets })).status, 404);
  assert.is((await call(base, 'GET', '/audit/streams/qrb-QRB-NOPE/events')).status, 404);
  assert.is((await call(base, 'GET', '/nowhere')).status, 404);
  assert.is((await call(base, 'DELETE', '/qrb-cases/QRB-HTTP-1')).status, 405);
});

http.run();
