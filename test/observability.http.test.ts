import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../client/observability/logger';
import { ApiMetrics, metricsEndpoint } from '../client/observability/metrics';
import { serverFailureOf } from '../client/observability/serverFailure';
import { NO_TRACING } from '../client/observability/tracing';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * The API's request log and metrics on the real stack: one JSON line per request
 * with its id, person, method, route pattern, status and latency, and nothing of the
 * case; /metrics in Prometheus text with the request counter by route pattern.
 */
const observed = suite<{ stack: TestStack; api: ApiUnderTest; lines: string[]; metrics: ApiMetrics }>('request logs and metrics');

const CASE_ID = 'QRB-LOG-7';
const CANDIDATE = 'Jordan Rivera';

observed.before(async (context) => {
  context.lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      context.lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  context.metrics = new ApiMetrics();
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack, {
    observability: { logger: createLogger({ level: 'info', service: 'api', destination: sink }), tracing: NO_TRACING, metrics: context.metrics },
  });
});
observed.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

interface RequestLine {
  level: string;
  msg: string;
  requestId: string;
  person: string | null;
  method: string;
  route: string;
  status: number;
  ms: number;
}

observed('one line per request: request id, person, route pattern, status, latency; no case id, name or query', async ({ api, lines }) => {
  const body = submission({ caseId: CASE_ID, candidate: { name: CANDIDATE, agency: 'DOE' } });
  const created = await api.call('hr-ana', 'POST', '/qrb-cases', body);
  assert.is(created.status, 201);
  await api.call('opm-kim', 'POST', `/qrb-cases/${CASE_ID}/board`, board());
  const vote = await api.call('m-lee', 'POST', `/qrb-cases/${CASE_ID}/votes`, { memberId: 'm-lee', ratings: allRatings('ecq-2025') });
  assert.is(vote.status, 200);
  const read = await fetch(`${api.base}/qrb-cases/${CASE_ID}?purpose=${encodeURIComponent('help desk ticket 4711')}`, {
    headers: { authorization: `Bearer ${await api.tokenFor('hr-ana')}`, 'x-request-id': 'ticket-4711-a' },
  });
  assert.is(read.status, 200);
  assert.is(read.headers.get('x-request-id'), 'ticket-4711-a', 'a sane X-Request-Id is kept and echoed');
  const refused = await api.call(null, 'GET', `/qrb-cases/${CASE_ID}`);
  assert.is(refused.status, 401);
  const odd = await fetch(`${api.base}/no/such/${CASE_ID}`, { headers: { 'x-request-id': 'not sane; has spaces' } });
  assert.is(odd.status, 404);
  assert.match(odd.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'an unfit X-Request-Id is replaced by a new one');

  const logged = lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === 'request');
  assert.is(logged.length, 6, lines.join('\n'));
  const shape = logged.map(({ person, method, route, status }) => ({ person, method, route, status }));
  assert.equal(shape, [
    { person: 'hr-ana', method: 'POST', route: '/qrb-cases', status: 201 },
    { person: 'opm-kim', method: 'POST', route: '/qrb-cases/:caseId/board', status: 200 },
    { person: 'm-lee', method: 'POST', route: '/qrb-cases/:caseId/votes', status: 200 },
    { person: 'hr-ana', method: 'GET', route: '/qrb-cases/:caseId', status: 200 },
    { person: null, method: 'GET', route: '/qrb-cases/:caseId', status: 401 },
    { person: null, method: 'GET', route: '(unmatched)', status: 404 },
  ]);
  for (const line of logged) {
    assert.is(line.level, 'info');
    assert.ok(typeof line.ms === 'number' && line.ms >= 0 && line.ms < 60_000, `latency ${line.ms}`);
    assert.match(line.requestId, /^[\w=-]{1,128}$/);
  }
  assert.is(logged[0]!.requestId, created.headers.get('x-request-id'), 'the logged id is the one the caller got back');
  assert.is(logged[3]!.requestId, 'ticket-4711-a');
  assert.is(logged[5]!.requestId, odd.headers.get('x-request-id'));
  assert.is(new Set(logged.map((line) => line.requestId)).size, 6, 'one id per request');

  // Nothing of the case: not its id, not the candidate, not the position, not the purpose (a query string).
  const everything = lines.join('\n');
  for (const secret of [CASE_ID, CANDIDATE, body.position.title, 'help desk', 'purpose', 'ratings', 'meets', '?']) {
    assert.not.ok(everything.includes(secret), `the log mentions ${JSON.stringify(secret)}`);
  }
});

observed('GET /metrics: Prometheus text with the request counter and latency by method, route pattern and status, and process metrics', async ({ api }) => {
  const response = await fetch(`${api.base}/metrics`);
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  assert.match(text, /# TYPE ses_http_requests_total counter/);
  assert.match(text, /^ses_http_requests_total\{method="POST",route="\/qrb-cases\/:caseId\/votes",status="200"\} 1$/m);
  assert.match(text, /^ses_http_requests_total\{method="POST",route="\/qrb-cases",status="201"\} 1$/m);
  assert.match(text, /^ses_http_requests_total\{method="GET",route="\/qrb-cases\/:caseId",status="401"\} 1$/m);
  assert.match(text, /^ses_http_request_duration_seconds_count\{method="GET",route="\/qrb-cases\/:caseId",status="200"\} 1$/m);
  assert.match(text, /^ses_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/qrb-cases\/:caseId\/votes",status="200"\} \d+$/m);
  assert.match(text, /^process_cpu_user_seconds_total \d/m);
  assert.match(text, /^nodejs_eventloop_lag_seconds /m);
  assert.not.ok(text.includes(CASE_ID), 'no case id in a label');
});

observed('with METRICS_TOKEN, /metrics asks for it as a bearer token', async () => {
  const token = 'scrape-token-0123456789';
  const app = new Hono().get('/metrics', metricsEndpoint(new ApiMetrics(), token));
  const without = await app.request('/metrics');
  assert.is(without.status, 401);
  assert.is(without.headers.get('www-authenticate'), 'Bearer realm="metrics"');
  assert.is((await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
  const granted = await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
  assert.is(granted.status, 200);
  assert.match(await granted.text(), /process_cpu_user_seconds_total/);
});

observed('a server error is logged at error level with what was thrown: class names and gRPC codes, no message', async ({ stack, api, lines }) => {
  const db = new Database(stack.storePath);
  try {
    db.prepare(`UPDATE events SET data = '[]' WHERE stream = 'qrb-${CASE_ID}' AND revision = 0`).run();
  } finally {
    db.close();
  }
  const before = lines.length;
  const read = await fetch(`${api.base}/audit/streams/qrb-${CASE_ID}/history`, {
    headers: { authorization: `Bearer ${await api.tokenFor('aud-frank')}`, 'x-purpose': 'records review' },
  });
  assert.is(read.status, 500);
  assert.is(((await read.json()) as { rule: string }).rule, 'store.corrupt-event');
  const logged = lines.slice(before).map((line) => JSON.parse(line) as RequestLine & { failure?: unknown });
  assert.equal(
    logged.filter((line) => line.msg === 'request').map(({ level, status, route, failure }) => ({ level, status, route, failure })),
    [{ level: 'error', status: 500, route: '/audit/streams/:stream/history', failure: [{ name: 'CorruptEventError' }] }],
  );
  assert.not.ok(lines.slice(before).join('\n').includes(CASE_ID), 'the error message names the stream; the log does not');
});

observed('what a failure logs: each cause by class name, with a numeric or upper-case code; never a message or another code', () => {
  const sqlite = new Database(':memory:');
  let thrown: unknown;
  try {
    sqlite.prepare('SELECT * FROM no_such_table').run();
  } catch (error) {
    thrown = error;
  } finally {
    sqlite.close();
  }
  const grpc = Object.assign(new Error('14 UNAVAILABLE: no connection to case QRB-1'), { code: 14 });
  const odd = Object.assign(new Error('case QRB-1'), { code: 'case QRB-1' });
  const failure = serverFailureOf(new Error('outer', { cause: Object.assign(new Error('mid', { cause: thrown }), { code: 'ERR_X' }) }));
  assert.equal(failure, [{ name: 'Error' }, { name: 'Error', code: 'ERR_X' }, { name: 'SqliteError', code: 'SQLITE_ERROR' }]);
  assert.equal(serverFailureOf(new Error('wrapped', { cause: grpc })), [{ name: 'Error' }, { name: 'Error', code: 14 }]);
  assert.equal(serverFailureOf(odd), [{ name: 'Error' }], 'a code that is not a word in capitals is left out');
});

observed.run();
