import { request as httpRequest, Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import { Validator } from '@seriousme/openapi-schema-validator';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Authenticator } from '../client/auth/authenticator';
import { AccessLog } from '../client/auditor/accessLog';
import { Delegations } from '../client/delegations';
import { apiRoutes, createApiApp } from '../client/http/apiServer';
import { IdempotencyKeys } from '../client/http/idempotencyKeys';
import { PROBLEM_TYPE_BASE } from '../client/http/problemDocument';
import { Operations } from '../client/operations';
import { casesOfEveryProcess } from '../client/processCases';
import { briefGrpcRetries } from '../client/temporalRetries';
import { ReadModel } from '../client/readModel/readModel';
import { PROCESSES } from '../domain/processes';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';

/** The edge as integrations meet it: the OpenAPI contract, problem documents, preconditions, safe retries, refusals. */
const edge = suite<{ stack: TestStack; api: ApiUnderTest }>('HTTP edge');
const meets = allRatings('ecq-2025');

edge.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
edge.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

const send = async (api: ApiUnderTest, as: string | null, method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
  const response = await fetch(`${api.base}${path}`, {
    method,
    headers: { ...(as === null ? {} : { authorization: `Bearer ${await api.tokenFor(as)}` }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
};
const json = { 'content-type': 'application/json' };

edge('the OpenAPI 3.1 document validates, lists every route of the table, and the README route table matches it', async ({ api, stack }) => {
  const served = await send(api, null, 'GET', '/openapi.json');
  assert.is(served.status, 200);
  const document = served.json();
  assert.is(document.openapi, '3.1.0');
  const validation = await new Validator().validate(document);
  assert.ok(validation.valid, JSON.stringify(validation.errors));

  const routes = apiRoutes({ operations: {} as Operations });
  const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  assert.equal(documented.sort(), routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  // Every route the server answers is documented (the open service routes aside).
  const app = createApiApp({ operations: {} as Operations, authenticator: stack as never, idempotency: {} as IdempotencyKeys });
  const SERVICE = /^\/(openapi\.json|docs|metrics)/;
  const served_ = app.routes.filter((r) => r.method !== 'ALL' && !SERVICE.test(r.path)).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  for (const route of served_) assert.ok(documented.includes(route), `${route} is served but not documented`);

  // The README's table names exactly the documented routes ({process} standing for every process, {a,b} for those named).
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const inReadme = [...readme.matchAll(/^\| `(GET|POST) ([^`?\[]+)[^`]*`[^|]* \|/gm)].flatMap(([, method, path]) => {
    const normal = path!.replace(/:(\w+)/g, '{$1}');
    const named = /\/\{([a-z]+(?:,[a-z]+)+)\}-cases/.exec(normal)?.[1]?.split(',');
    const expanded = normal.includes('/{process}-cases')
      ? PROCESSES.map((p) => normal.replace('{process}', p.name))
      : named
        ? named.map((name) => normal.replace(`{${named.join(',')}}`, name))
        : [normal];
    return expanded.map((p) => `${method} ${p}`);
  });
  assert.equal([...new Set(inReadme.filter((route) => !SERVICE.test(route.split(' ')[1]!)))].sort(), documented.sort());

  const docs = await send(api, null, 'GET', '/docs');
  assert.is(docs.status, 200);
  assert.match(docs.text, /<html lang="en">/);
  assert.is((await send(api, null, 'GET', '/docs/assets/swagger-ui-bundle.js')).status, 200);
});

/** A GET as it travels: the body as sent (compressed or not), with the headers given and no others. */
const rawGet = (api: ApiUnderTest, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = httpRequest(`${api.base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });

edge("the web application's assets: compressed for a browser that takes it, an ETag per version, 304 while it is the same", async ({ api }) => {
  for (const path of ['/assets/app.js', '/assets/uswds/css/uswds.min.css']) {
    const plain = await rawGet(api, path);
    assert.is(plain.status, 200, path);
    assert.ok(plain.body.length > 10_000, `${path}: ${plain.body.length} bytes`);
    assert.is(plain.headers['content-encoding'], undefined, `${path}: no Accept-Encoding, no coding`);
    assert.is(plain.headers.vary, 'accept-encoding', path);
    assert.match(String(plain.headers.etag), /^W\/"[0-9a-f]+-[0-9a-f]+"$/, path);
    const codings = [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0, gzip;q=0.5', 'gzip', gunzipSync],
      ['*', 'br', brotliDecompressSync],
    ] as const;
    for (const [accepted, coding, decompress] of codings) {
      const packed = await rawGet(api, path, { 'accept-encoding': accepted });
      assert.is(packed.headers['content-encoding'], coding, `${path} for ${accepted}`);
      assert.ok(packed.body.length < plain.body.length / 3, `${path} ${coding}: ${packed.body.length} of ${plain.body.length} bytes`);
      assert.ok(decompress(packed.body).equals(plain.body), `${path} ${coding}: the same file`);
      assert.is(packed.headers.etag, String(plain.headers.etag).replace(/"$/, `-${coding}"`), `${path}: each coding its own tag`);
      const again = await rawGet(api, path, { 'accept-encoding': accepted, 'if-none-match': String(packed.headers.etag) });
      assert.is(again.status, 304, `${path} ${coding}`);
      assert.is(again.body.length, 0, `${path}: a 304 has no body`);
      assert.is(again.headers['cache-control'], plain.headers['cache-control'], path);
    }
    assert.is((await rawGet(api, path, { 'accept-encoding': 'identity' })).headers['content-encoding'], undefined, `${path}: identity only`);
    assert.is((await rawGet(api, path, { 'if-none-match': String(plain.headers.etag) })).status, 304, path);
    // Another version's tag (or a list without this one's) gets the file itself.
    const other = await rawGet(api, path, { 'if-none-match': '"0-0", W/"1-1"' });
    assert.is(other.status, 200, path);
    assert.ok(other.body.equals(plain.body), path);
  }
  const image = await rawGet(api, '/assets/uswds/img/us_flag_small.png', { 'accept-encoding': 'br' });
  assert.is(image.status, 200);
  assert.is(image.headers['content-encoding'], undefined, 'an image goes as it is');
  assert.is((await rawGet(api, '/assets/app.js', { 'if-none-match': '*' })).status, 304);
  assert.is((await rawGet(api, '/assets/uswds')).status, 404, 'a folder is no asset');
  assert.is((await rawGet(api, '/assets/no-such.js', { 'if-none-match': '*' })).status, 404);
});

edge('every refusal is an RFC 9457 problem document with a stable type URI', async ({ api }) => {
  const notMember = await send(api, 'm-lee', 'POST', '/qrb-cases/QRB-EDGE-NONE/votes', json, JSON.stringify({ memberId: 'm-lee', ratings: meets }));
  assert.is(notMember.status, 404);
  assert.match(notMember.headers.get('content-type')!, /^application\/problem\+json/);
  const problem = notMember.json();
  assert.is(problem.type, `${PROBLEM_TYPE_BASE}not-found`);
  assert.is(problem.status, 404);
  assert.is(problem.instance, '/qrb-cases/QRB-EDGE-NONE/votes');
  assert.ok(problem.title && problem.detail);

  await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-EDGE-1' }));
  await api.call('opm-kim', 'POST', '/qrb-cases/QRB-EDGE-1/board', board());
  const again = await send(api, 'opm-kim', 'POST', '/qrb-cases/QRB-EDGE-1/board', json, JSON.stringify(board()));
  assert.is(again.status, 409, again.text);
  assert.is(again.json().type, `${PROBLEM_TYPE_BASE}qrb.board.not-awaiting-board`);
  assert.is(again.json().rule, 'qrb.board.not-awaiting-board');
  assert.is(again.json().title, 'Not awaiting board');

  const noToken = await send(api, null, 'GET', '/inbox');
  assert.is(noToken.status, 401);
  assert.is(noToken.headers.get('www-authenticate'), 'Bearer realm="ses"');
  assert.is(noToken.json().type, `${PROBLEM_TYPE_BASE}unauthenticated`);

  const wrongMethod = await send(api, 'hr-ana', 'DELETE', '/qrb-cases/QRB-EDGE-1');
  assert.is(wrongMethod.status, 405);
  assert.is(wrongMethod.headers.get('allow'), 'GET');
  for (const path of ['/qrb-cases/%ZZ', '/qrb-cases/%E0%A4%A', '/qrb-cases/%C0%AE', '/audit/streams/%ZZ/events', '/%ZZ']) {
    const malformed = await send(api, 'hr-ana', 'GET', path);
    assert.ok(malformed.status < 500, `${path}: ${malformed.status} ${malformed.text}`);
    assert.match(malformed.headers.get('content-type')!, /^application\/problem\+json/);
  }
});

edge('a body of the wrong type is 415, one over 1 MiB is 413 and the client can go on', async ({ api }) => {
  const form = await send(api, 'hr-ana', 'POST', '/qrb-cases', { 'content-type': 'application/x-www-form-urlencoded' }, 'caseId=X');
  assert.is(form.status, 415);
  assert.is(form.json().rule, 'unsupported-media-type');
  const none = await send(api, 'hr-ana', 'POST', '/qrb-cases', {}, '{}');
  assert.is(none.status, 415);

  // One keep-alive socket: the oversized request, then another request from the same client.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const token = await api.tokenFor('hr-ana');
  const raw = (method: string, path: string, body?: Buffer) =>
    new Promise<{ status: number; text: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(
        `${api.base}${path}`,
        { method, agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString(), headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
  const tooLarge = await raw('POST', '/qrb-cases', huge).catch((error: NodeJS.ErrnoException) => ({ status: 0, text: error.code ?? '', headers: {} }));
  assert.ok(tooLarge.status === 413 || tooLarge.text === 'EPIPE' || tooLarge.text === 'ECONNRESET', `${tooLarge.status} ${tooLarge.text}`);
  if (tooLarge.status === 413) assert.is(JSON.parse(tooLarge.text).rule, 'body-too-large');
  for (let i = 0; i < 3; i += 1) assert.is((await raw('GET', '/health')).status, 200, 'the next requests of the same client are answered');
  agent.destroy();

  // Chunked (no Content-Length): refused once the limit is crossed, not after reading it all.
  const chunked = await fetch(`${api.base}/qrb-cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: new ReadableStream({
      start: (c) => {
        for (let i = 0; i < 3; i += 1) c.enqueue(new Uint8Array(600 * 1024));
        c.close();
      },
    }),
    duplex: 'half',
  } as RequestInit).catch(() => null);
  if (chunked) assert.is(chunked.status, 413);
});

edge('case reads carry an ETag; a decision with a stale If-Match is 412 and writes nothing', async ({ api, stack }) => {
  await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-EDGE-2' }));
  const read = await send(api, 'opm-kim', 'GET', '/qrb-cases/QRB-EDGE-2', { 'x-purpose': 'test' });
  assert.is(read.headers.get('etag'), '"0"');
  const convened = await send(api, 'opm-kim', 'POST', '/qrb-cases/QRB-EDGE-2/board', { ...json, 'if-match': '"0"' }, JSON.stringify(board()));
  assert.is(convened.status, 200, convened.text);
  assert.is(convened.headers.get('etag'), '"1"');

  const before = (await stack.store.readStream('qrb-QRB-EDGE-2')).length;
  const stale = await send(
    api,
    'm-lee',
    'POST',
    '/qrb-cases/QRB-EDGE-2/votes',
    { ...json, 'if-match': '"0"' },
    JSON.stringify({ memberId: 'm-lee', ratings: meets }),
  );
  assert.is(stale.status, 412, stale.text);
  assert.is(stale.json().rule, 'case.revision-mismatch');
  assert.is((await stack.store.readStream('qrb-QRB-EDGE-2')).length, before, 'a refused precondition writes nothing');
  const current = await send(
    api,
    'm-lee',
    'POST',
    '/qrb-cases/QRB-EDGE-2/votes',
    { ...json, 'if-match': '"1"' },
    JSON.stringify({ memberId: 'm-lee', ratings: meets }),
  );
  assert.is(current.status, 200, current.text);
  const malformed = await send(
    api,
    'm-patel',
    'POST',
    '/qrb-cases/QRB-EDGE-2/votes',
    { ...json, 'if-match': 'W/"2"' },
    JSON.stringify({ memberId: 'm-patel', ratings: meets }),
  );
  assert.is(malformed.status, 400);
  assert.is(malformed.json().rule, 'if-match.malformed');
  const staleSignal = await send(
    api,
    'opm-kim',
    'POST',
    '/qrb-cases/QRB-EDGE-2/agency-head-transition',
    { ...json, 'if-match': '"0"' },
    JSON.stringify({ action: 'hold', by: 'opm-kim', reason: 'transition' }),
  );
  assert.is(staleSignal.status, 412);
  const onStart = await send(api, 'hr-ana', 'POST', '/qrb-cases', { ...json, 'if-match': '"0"' }, JSON.stringify(submission({ caseId: 'QRB-EDGE-3' })));
  assert.is(onStart.status, 400, 'a start changes no existing case: If-Match is refused, not ignored');
});

edge('an Idempotency-Key retry answers the first answer and changes nothing; another body is 422', async ({ api, stack }) => {
  const body = JSON.stringify(submission({ caseId: 'QRB-EDGE-4' }));
  const headers = { ...json, 'idempotency-key': 'retry-4' };
  const first = await send(api, 'hr-ana', 'POST', '/qrb-cases', headers, body);
  assert.is(first.status, 201, first.text);
  const retry = await send(api, 'hr-ana', 'POST', '/qrb-cases', headers, body);
  assert.is(retry.status, 201, 'not the 409 of a second start');
  assert.is(retry.text, first.text);
  assert.is(retry.headers.get('idempotent-replayed'), 'true');
  const other = await send(api, 'hr-ana', 'POST', '/qrb-cases', headers, JSON.stringify(submission({ caseId: 'QRB-EDGE-5' })));
  assert.is(other.status, 422);
  assert.is(other.json().rule, 'idempotency-key.reused');
  assert.is((await stack.store.readStream('qrb-QRB-EDGE-5')).length, 0);

  await api.call('opm-kim', 'POST', '/qrb-cases/QRB-EDGE-4/board', board());
  const vote = JSON.stringify({ memberId: 'm-lee', ratings: meets });
  const voted = await send(api, 'm-lee', 'POST', '/qrb-cases/QRB-EDGE-4/votes', { ...json, 'idempotency-key': 'vote-1' }, vote);
  const again = await send(api, 'm-lee', 'POST', '/qrb-cases/QRB-EDGE-4/votes', { ...json, 'idempotency-key': 'vote-1' }, vote);
  assert.is(voted.status, 200);
  assert.is(again.status, 200, 'not the 409 of a second vote');
  assert.is(again.text, voted.text);
  const votes = (await stack.store.readStream('qrb-QRB-EDGE-4')).filter((e) => e.type === 'QrbVoteCast');
  assert.is(votes.length, 1);
  // Keys are the person's own: another person's same key is a new request.
  const refusal = await send(
    api,
    'm-patel',
    'POST',
    '/qrb-cases/QRB-EDGE-4/votes',
    { ...json, 'idempotency-key': 'vote-1' },
    JSON.stringify({ memberId: 'm-patel', ratings: meets }),
  );
  assert.is(refusal.status, 200, refusal.text);
});

edge('a start answers once its first event is durable: an audit read right after it sees the case', async ({ api }) => {
  for (const caseId of ['QRB-EDGE-6', 'QRB-EDGE-7', 'QRB-EDGE-8']) {
    const created = await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId }));
    assert.is(created.status, 201);
    const events = await api.call('aud-frank', 'GET', `/audit/streams/qrb-${caseId}/events`);
    assert.is(events.status, 200);
    assert.is(events.body.items[0].type, 'QrbCaseSubmitted');
  }
});

edge('unknown query parameters are refused, naming them; a QRB submission takes a policy version', async ({ api, stack }) => {
  const inbox = await send(api, 'hr-ana', 'GET', '/inbox?verbose=1&sort=due');
  assert.is(inbox.status, 400);
  assert.is(inbox.json().rule, 'unknown-parameter');
  assert.equal(
    inbox.json().issues.map((i: { field: string }) => i.field),
    ['query.verbose', 'query.sort'],
  );
  assert.is((await send(api, 'aud-frank', 'GET', '/audit/cases?process=qrb&color=red')).status, 400);
  assert.is((await send(api, 'aud-frank', 'GET', '/audit/cases?process=qrb')).status, 200);

  const unknownPolicy = await send(api, 'hr-ana', 'POST', '/qrb-cases?policyVersion=ses-1999', json, JSON.stringify(submission({ caseId: 'QRB-EDGE-9' })));
  assert.is(unknownPolicy.status, 400);
  assert.is(unknownPolicy.json().issues[0].field, 'query.policyVersion');
  const chosen = await send(
    api,
    'hr-ana',
    'POST',
    '/qrb-cases?policyVersion=what-if-2yr-probation',
    json,
    JSON.stringify(submission({ caseId: 'QRB-EDGE-9' })),
  );
  assert.is(chosen.status, 201, chosen.text);
  const [submitted] = await stack.store.readStream('qrb-QRB-EDGE-9');
  assert.is(submitted!.meta.policyVersion, 'what-if-2yr-probation');
});

edge('with Temporal unreachable a read or a decision is 503 with Retry-After, quickly', async ({ api, stack }) => {
  const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second', interceptors: briefGrpcRetries() });
  const client = new Client({ connection });
  const readModel = ReadModel.open(':memory:');
  const accessLog = new AccessLog(stack.store);
  const operations = new Operations({
    processes: casesOfEveryProcess(client, 'nowhere'),
    audit: stack.audit,
    delegations: new Delegations(stack.store),
    store: stack.store,
    readModel,
    accessLog,
    notifications: api.notifications,
    now: stack.now,
  });
  const app = createApiApp({
    operations,
    authenticator: api.authenticator as Authenticator,
    idempotency: IdempotencyKeys.open(':memory:'),
  });
  const token = await api.tokenFor('m-lee');
  const started = Date.now();
  for (const [method, path, body] of [
    ['GET', '/qrb-cases/QRB-EDGE-1', undefined],
    ['POST', '/qrb-cases/QRB-EDGE-1/votes', JSON.stringify({ memberId: 'm-lee', ratings: meets })],
  ] as const) {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-purpose': 'test' },
      ...(body ? { body } : {}),
    });
    assert.is(response.status, 503, await response.clone().text());
    assert.ok(Number(response.headers.get('retry-after')) > 0);
    assert.is(((await response.json()) as { rule: string }).rule, 'temporal-unavailable');
  }
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  await connection.close().catch(() => undefined);
  await readModel.close();
});

edge.run();
