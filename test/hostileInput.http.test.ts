import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_JSON_DEPTH } from '../client/http/jsonStructure';
import { RequestRateLimits } from '../client/http/requestRateLimits';
import { ProblemError } from '../client/problem';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { allRatings, submission } from './support/qrbFixtures';
import { storeSnapshot } from './support/storeSnapshot';
import { startTestStack, type TestStack } from './support/testStack';

/** Malformed and hostile requests, each answered with a 4xx problem document: no 5xx, no crash, nothing written. */
const hostile = suite<{ stack: TestStack; api: ApiUnderTest; before: string }>('hostile input');

hostile.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
  // One real case, so the refusals below meet a case that exists as well as ones that do not.
  assert.is((await context.api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-HOSTILE-1' }))).status, 201);
  context.before = await storeSnapshot(context.stack.store);
});
hostile.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});
hostile.after.each(async ({ stack, before }) => {
  assert.is(await storeSnapshot(stack.store), before, 'no refused request wrote anything');
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  problem: { status: number; rule: string; detail: string; issues?: { field: string; rule: string }[] };
}

const send = async (
  api: ApiUnderTest,
  as: string | null,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Uint8Array<ArrayBuffer>,
): Promise<Answer> => {
  const response = await fetch(`${api.base}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(as === null ? {} : { authorization: `Bearer ${await api.tokenFor(as)}` }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let problem: Answer['problem'];
  try {
    problem = JSON.parse(text);
  } catch {
    problem = { status: 0, rule: `not JSON: ${text.slice(0, 80)}`, detail: '' };
  }
  return { status: response.status, headers: response.headers, text, problem };
};
const json = { 'content-type': 'application/json' };
const isProblem = (answer: Answer, status: number, rule: string, where: string) => {
  assert.is(answer.status, status, `${where}: ${answer.status} ${answer.text.slice(0, 300)}`);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/, where);
  assert.is(answer.problem.rule, rule, where);
};

hostile('a malformed percent-escape anywhere in the path is 400, with or without a token, on routes, unknown paths, pages and assets', async ({ api }) => {
  const escapes = ['%ZZ', '%E0%A4%A', '%C0%AE', '%', '%F0%9F%98', '%ED%A0%80'];
  const paths = (escape: string) => [
    `/qrb-cases/${escape}`,
    `/qrb-cases/${escape}/votes`,
    `/probation-cases/${escape}`,
    `/audit/streams/${escape}/events`,
    `/delegations/${escape}`,
    `/${escape}`,
    `/no-such-route/${escape}`,
    `/assets/${escape}`,
    `/auth/${escape}`,
    `/reports/${escape}`,
  ];
  for (const escape of escapes) {
    for (const path of paths(escape)) {
      for (const as of ['hr-ana', null]) {
        for (const [method, headers, body] of [
          ['GET', { accept: 'application/json' }, undefined],
          ['GET', { accept: 'text/html' }, undefined],
          ['POST', json, '{}'],
        ] as const) {
          const answer = await send(api, as, method, path, headers, body);
          isProblem(answer, 400, 'request.percent-encoding', `${method} ${path} (${as ?? 'no token'}, ${headers['accept' as keyof typeof headers] ?? 'json'})`);
          assert.is(answer.problem.issues?.[0]?.field, 'path');
        }
      }
    }
  }
  // The query string too: a parameter's name or value.
  isProblem(await send(api, 'aud-frank', 'GET', '/audit/cases?process=%ZZ'), 400, 'request.percent-encoding', 'query value');
  isProblem(await send(api, null, 'GET', '/health?%E0%A4%A=1'), 400, 'request.percent-encoding', 'query name');
  // A well-formed escape still reaches the route.
  isProblem(await send(api, 'hr-ana', 'GET', '/qrb-cases/QRB%2DNONE', { 'x-purpose': 'test' }), 404, 'not-found', 'a well-formed escape');
});

hostile('NUL and control characters in ids and parameters are 400, never passed on to Temporal or the store', async ({ api }) => {
  for (const id of ['a%00b', 'QRB-HOSTILE-1%00', '%0d%0aX-Injected:%201', 'a%1bb', 'a%7Fb', '%09']) {
    for (const path of [`/qrb-cases/${id}`, `/audit/streams/qrb-${id}/events`, `/delegations/${id}`, `/probation-cases/${id}/actions`]) {
      for (const as of ['aud-frank', null]) {
        const answer = await send(
          api,
          as,
          path.endsWith('/actions') ? 'POST' : 'GET',
          path,
          { ...json, 'x-purpose': 'test' },
          path.endsWith('/actions') ? '{}' : undefined,
        );
        isProblem(answer, 400, 'request.control-character', `${path} (${as ?? 'no token'})`);
        assert.not.ok(answer.headers.has('x-injected'));
      }
    }
  }
  isProblem(await send(api, 'aud-frank', 'GET', '/audit/cases?process=qrb%00'), 400, 'request.control-character', 'query value');
});

/** Raw bytes on one socket: what the server writes back, and how the socket ended. */
const onSocket = (api: ApiUnderTest, bytes: string) =>
  new Promise<{ text: string; ended: string }>((resolve) => {
    const socket = connect(Number(new URL(api.base).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    let ended = 'open';
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => (ended = 'closed cleanly'));
    socket.on('error', (error: NodeJS.ErrnoException) => (ended = error.code ?? error.message));
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('latin1'), ended }));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), 3000).unref();
  });

hostile('oversized headers are 431 and the connection is closed; the server answers the next client', async ({ api }) => {
  for (const headers of [`X-Big: ${'a'.repeat(64 * 1024)}\r\n`, Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('')]) {
    const { text, ended } = await onSocket(api, `GET /health HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
    assert.match(text, /^HTTP\/1\.1 431 /);
    assert.match(text, /connection: close/i);
    assert.match(text, /content-type: application\/problem\+json[\s\S]*"rule":"request\.headers-too-large"/i, 'the answer is a problem document');
    assert.is(ended, 'closed cleanly');
    assert.is((await send(api, null, 'GET', '/health')).status, 200);
  }
  const token = await api.tokenFor('hr-ana');
  const cookie = await send(api, null, 'GET', '/inbox', { authorization: `Bearer ${token}`, cookie: `x=${'c'.repeat(20_000)}` }).catch(() => null);
  assert.ok(cookie === null || cookie.status === 431, 'a cookie past the limit is refused with the rest of the headers');
  assert.is((await send(api, 'hr-ana', 'GET', '/inbox')).status, 200);
});

/** A request through a keep-alive agent: its answer, and whether it went over a socket a previous request used. */
const viaAgent = (api: ApiUnderTest, agent: Agent, method: string, path: string, headers: Record<string, string>, body?: Buffer) =>
  new Promise<{ status: number; text: string; headers: IncomingHttpHeaders; reused: boolean }>((resolve, reject) => {
    const req = httpRequest(`${api.base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString(), headers: res.headers, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(body);
  });

hostile(
  'a body over 1 MiB is 413, and any body left unread is answered with Connection: close before the client is cut off; the client goes on over a new connection',
  async ({ api }) => {
    const token = await api.tokenFor('hr-ana');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const mebibytes of [1.5, 8, 32]) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const tooLarge = await viaAgent(api, agent, 'POST', '/qrb-cases', headers, Buffer.alloc(mebibytes * 1024 * 1024, 0x20));
      assert.is(tooLarge.status, 413, `${mebibytes} MiB: the 413 arrives, not a reset`);
      assert.is(tooLarge.headers.connection, 'close');
      assert.is(JSON.parse(tooLarge.text).rule, 'body-too-large');
      const next = await viaAgent(api, agent, 'GET', '/health', {});
      assert.is(next.status, 200);
      assert.is(next.reused, false, 'the next request opened a new connection, as Connection: close told the client');
      assert.is((await viaAgent(api, agent, 'GET', '/health', {})).reused, true, 'and keeps that one');
      agent.destroy();
    }
    // Refused before the body is read (no token, wrong type), even past what the server drains: Connection: close, and the client goes on.
    for (const mebibytes of [4, 100]) {
      for (const refusedHeaders of [{ 'content-type': 'application/json' }, { ...headers, 'content-type': 'text/plain' }]) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const refused = await viaAgent(api, agent, 'POST', '/qrb-cases', refusedHeaders, Buffer.alloc(mebibytes * 1024 * 1024, 0x20));
        assert.ok(refused.status === 401 || refused.status === 415, String(refused.status));
        assert.is(refused.headers.connection, 'close', `${mebibytes} MiB left unread`);
        const next = await viaAgent(api, agent, 'GET', '/health', {});
        assert.is(next.status, 200);
        assert.is(next.reused, false);
        agent.destroy();
      }
    }
    // A small body refused unread arrived whole: the connection is kept.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    assert.is((await viaAgent(api, agent, 'POST', '/qrb-cases', { 'content-type': 'application/json' }, Buffer.from('{}'))).headers.connection, 'keep-alive');
    assert.is((await viaAgent(api, agent, 'GET', '/health', {})).reused, true);
    agent.destroy();
    // The sign-in takes JSON too, under the same limit.
    isProblem(await send(api, null, 'POST', '/auth/session', json, new Uint8Array(2 * 1024 * 1024).fill(0x20)), 413, 'body-too-large', 'sign-in');
  },
);

const nested = (depth: number) => `{"caseId":"QRB-HOSTILE-9","candidate":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

hostile(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is 400 naming where; at the limit it reaches validation`, async ({ api }) => {
  const tooDeep = await send(api, 'hr-ana', 'POST', '/qrb-cases', json, nested(MAX_JSON_DEPTH + 1));
  isProblem(tooDeep, 400, 'json.too-deep', 'one past the limit');
  assert.match(tooDeep.problem.issues![0]!.field, /^candidate(\.0)+$/);
  isProblem(await send(api, 'hr-ana', 'POST', '/qrb-cases', json, nested(MAX_JSON_DEPTH)), 400, 'validation', 'at the limit');
  const huge = await send(api, 'hr-ana', 'POST', '/qrb-cases', json, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  isProblem(huge, 400, 'json.too-deep', '200,000 levels');
  assert.is(huge.problem.issues![0]!.field, Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'));
  isProblem(await send(api, null, 'POST', '/auth/session', json, `{"userId":${'['.repeat(100)}${']'.repeat(100)}}`), 400, 'json.too-deep', 'sign-in');
});

hostile('__proto__, constructor and prototype as JSON keys are 400 naming the field, wherever they sit', async ({ api }) => {
  const meets = allRatings('ecq-2025');
  for (const [body, field] of [
    [`{"__proto__":{"roles":["admin"]},"caseId":"QRB-HOSTILE-9"}`, '__proto__'],
    [`{"caseId":"QRB-HOSTILE-9","candidate":{"name":"x","constructor":{"prototype":{"polluted":true}}}}`, 'candidate.constructor'],
    [`{"memberId":"m-lee","ratings":${JSON.stringify(meets).replace(/^\{/, '{"prototype":1,')}}`, 'ratings.prototype'],
    [`{"\\u005f_proto__":1}`, '__proto__'],
  ] as const) {
    const path = body.includes('memberId') ? '/qrb-cases/QRB-HOSTILE-1/votes' : '/qrb-cases';
    const answer = await send(api, body.includes('memberId') ? 'm-lee' : 'hr-ana', 'POST', path, json, body);
    isProblem(answer, 400, 'json.prototype-key', body);
    assert.is(answer.problem.issues![0]!.field, field);
  }
  assert.is(({} as Record<string, unknown>).roles, undefined, 'nothing reached Object.prototype');
  const signIn = await send(api, null, 'POST', '/auth/session', json, '{"userId":"hr-ana","__proto__":{}}');
  isProblem(signIn, 400, 'json.prototype-key', 'sign-in');
  assert.not.ok(signIn.headers.get('set-cookie'), 'no session was started');
});

hostile('a key given twice in one object is 400 naming it; the same key in different objects is fine', async ({ api }) => {
  for (const [body, field] of [
    ['{"caseId":"QRB-HOSTILE-9","caseId":"QRB-HOSTILE-10"}', 'caseId'],
    ['{"caseId":"QRB-HOSTILE-9","candidate":{"name":"a","name":"b"}}', 'candidate.name'],
    ['{"caseId":"x","caseI\\u0064":"y"}', 'caseId'],
  ] as const) {
    const answer = await send(api, 'hr-ana', 'POST', '/qrb-cases', json, body);
    isProblem(answer, 400, 'json.duplicate-key', body);
    assert.is(answer.problem.issues![0]!.field, field);
    assert.match(answer.problem.detail, new RegExp(`"${field.split('.').at(-1)}" is given more than once`));
  }
  const signIn = await send(api, null, 'POST', '/auth/session', json, '{"userId":"m-lee","userId":"admin-root"}');
  isProblem(signIn, 400, 'json.duplicate-key', 'sign-in');
  assert.not.ok(signIn.headers.get('set-cookie'), 'no session for either person');
  // Siblings with the same keys, strings holding braces and quotes: not duplicates.
  const fine = await send(api, 'hr-ana', 'POST', '/qrb-cases', json, '{"a":{"k":1},"b":{"k":"\\"}{,\\""},"c":[{"k":1},{"k":2}]}');
  isProblem(fine, 400, 'validation', 'siblings');
});

hostile('a body that is not JSON in UTF-8 is 415 (charset) or 400 (bytes); charset=utf-8 in any spelling is JSON', async ({ api }) => {
  for (const type of [
    'application/json; charset=utf-16',
    'application/json;charset=ISO-8859-1',
    'application/json; charset="latin1"',
    'text/json',
    'application/jsonx',
    'multipart/form-data; boundary=x',
    'text/plain',
  ]) {
    const answer = await send(api, 'hr-ana', 'POST', '/qrb-cases', { 'content-type': type }, '{}');
    isProblem(answer, 415, 'unsupported-media-type', type);
    assert.is(answer.problem.issues![0]!.field, 'Content-Type');
  }
  for (const type of [
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'application/json; charset="utf-8"',
    'APPLICATION/JSON',
    'application/problem+json',
    'application/json; charset=utf8',
  ]) {
    isProblem(await send(api, 'hr-ana', 'POST', '/qrb-cases', { 'content-type': type }, '{}'), 400, 'validation', type);
  }
  const latin1 = await send(api, 'hr-ana', 'POST', '/qrb-cases', json, new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  isProblem(latin1, 400, 'invalid-json', 'bytes that are not UTF-8');
  assert.is(latin1.problem.issues![0]!.rule, 'utf-8');
  isProblem(await send(api, 'hr-ana', 'POST', '/qrb-cases', json, '{"caseId":'), 400, 'invalid-json', 'cut off');
  isProblem(await send(api, 'hr-ana', 'POST', '/qrb-cases', json, ''), 400, 'invalid-json', 'empty');
});

hostile("requests past a person's rate are 429 with Retry-After and a problem document; other people and addresses are not held up", async ({ stack }) => {
  const limited = await startApiUnderTest(stack, { env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '3' } });
  try {
    for (let i = 0; i < 3; i += 1) assert.is((await send(limited, 'hr-ana', 'GET', '/inbox')).status, 200);
    const refused = await send(limited, 'hr-ana', 'GET', '/inbox');
    isProblem(refused, 429, 'rate-limited', 'the fourth request at once');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, refused.headers.get('retry-after') ?? 'no Retry-After');
    assert.match(refused.problem.detail, /person hr-ana.*60 a minute/);
    assert.is((await send(limited, 'm-lee', 'GET', '/inbox')).status, 200, 'another person has their own bucket');
    // Without credentials the client address has a bucket; forged tokens draw on it too.
    for (let i = 0; i < 3; i += 1) assert.is((await send(limited, null, 'GET', '/health')).status, 200);
    isProblem(await send(limited, null, 'GET', '/health'), 429, 'rate-limited', 'the address');
    isProblem(await send(limited, null, 'GET', '/inbox', { authorization: 'Bearer forged' }), 429, 'rate-limited', 'a forged token');
    assert.is((await send(limited, 'm-patel', 'GET', '/inbox')).status, 200, 'a person with a valid token is not held up by the address');
  } finally {
    await limited.stop();
  }
});

hostile('a bucket refills at the rate per minute; RATE_LIMIT_PER_MINUTE=0 is no limit', async () => {
  let now = 0;
  const limits = new RequestRateLimits(60, 2, () => now);
  limits.take('person a');
  limits.take('person a');
  const refusal = (() => {
    try {
      limits.take('person a');
    } catch (error) {
      return (error as ProblemError).problem;
    }
    return null;
  })();
  assert.is(refusal?.status, 429);
  assert.is(refusal?.retryAfterSeconds, 1);
  now += 1000;
  limits.take('person a');
  assert.throws(
    () => limits.take('person a'),
    (error: unknown) => error instanceof ProblemError && error.problem.status === 429,
  );
  now += 60_000;
  limits.take('person a');
  limits.take('person a');
  assert.is(RequestRateLimits.fromConfig({ RATE_LIMIT_PER_MINUTE: 0, RATE_LIMIT_BURST: 1 }), undefined);
});

hostile('the API is alive after all of it', async ({ api }) => {
  assert.is((await send(api, null, 'GET', '/health')).status, 200);
  assert.is((await send(api, 'hr-ana', 'GET', '/inbox')).status, 200);
});

hostile.run();
