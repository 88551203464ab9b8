import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { inboxOf } from './support/inboxOf';
import { REPO, cliUnderTest, ses, type CliUnderTest } from './support/cliUnderTest';
import { today } from './support/timeSkipping';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * A reassignment through the routes and CLI commands its definition gives it: the real API
 * server and `ses` child processes against a time-skipping stack and its SQLite store.
 */
const e2e = suite<{ stack: TestStack; api: ApiUnderTest; cli: CliUnderTest }>('reassignment through the API and the CLI');
const example = (name: string) => JSON.parse(readFileSync(join(REPO, 'examples', name), 'utf8'));

e2e.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
  context.cli = await cliUnderTest(context.stack);
});
e2e.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

e2e('HTTP: start, the inbox, consultation, a notice refused by the moratorium saying until when, then one after it', async ({ stack, api }) => {
  const start = { ...example('reassignment-start.json'), caseId: 'RA-HTTP-1' };
  const created = await api.call('hr-ana', 'POST', '/reassignment-cases', start);
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.is(created.body.stream, 'reassignment-RA-HTTP-1');
  const consult = await inboxOf(api, 'aa-wong', (items) => items.some((w) => w.stream === 'reassignment-RA-HTTP-1'));
  assert.equal(
    consult.filter((w) => w.stream === 'reassignment-RA-HTTP-1').map((w) => w.action),
    ['RecordConsultation'],
  );
  const day0 = await today(stack);
  const consultation = example('reassignment-consultation.json');
  consultation.action.consultedOn = day0;
  assert.is((await api.call('aa-wong', 'POST', '/reassignment-cases/RA-HTTP-1/actions', consultation)).body.status, 'CONSULTED');
  const change = example('reassignment-leadership-change.json');
  change.action.effectiveDate = day0;
  assert.is((await api.call('hr-ana', 'POST', '/reassignment-cases/RA-HTTP-1/actions', change)).status, 200);

  const notice = example('reassignment-notice.json');
  notice.action.noticeDate = day0;
  notice.action.effectiveDate = addDays(day0, 60);
  const blocked = await api.call('aa-wong', 'POST', '/reassignment-cases/RA-HTTP-1/actions', notice);
  assert.is(blocked.status, 409);
  assert.is(blocked.body.rule, 'reassignment.moratorium.blocked');
  assert.match(blocked.body.detail, `the earliest effective date is ${addDays(day0, 121)}`);
  notice.action.effectiveDate = addDays(day0, 121);
  const noticed = await api.call('aa-wong', 'POST', '/reassignment-cases/RA-HTTP-1/actions', notice);
  assert.is(noticed.status, 200, JSON.stringify(noticed.body));
  assert.is(noticed.body.status, 'NOTICE_ISSUED');
  const decline = await inboxOf(api, 'ex-rivera', (items) => items.some((w) => w.stream === 'reassignment-RA-HTTP-1'));
  assert.ok(decline.some((w) => w.stream === 'reassignment-RA-HTTP-1' && w.action === 'DeclineReassignment'));

  const replay = await api.call('aud-frank', 'GET', '/audit/streams/reassignment-RA-HTTP-1/replay');
  assert.equal(replay.body.state, (await api.call('hr-ana', 'GET', '/reassignment-cases/RA-HTTP-1')).body);
  assert.is((await api.call('aud-frank', 'GET', '/audit/streams/reassignment-RA-HTTP-1/verify')).body.ok, true);
});

e2e('HTTP: bad input is 400 naming the field; the 15-day notice cannot be waived (409 naming the rule); roles are held', async ({ stack, api }) => {
  const bad = await api.call('hr-ana', 'POST', '/reassignment-cases', { ...example('reassignment-start.json'), caseId: 'RA-HTTP-2', kind: 'sideways' });
  assert.is(bad.status, 400);
  assert.is(bad.body.issues[0].field, 'kind');
  assert.is((await api.call('hr-ana', 'GET', '/reassignment-cases/RA-HTTP-2')).status, 404, 'nothing was started');
  const start = { ...example('reassignment-start.json'), caseId: 'RA-HTTP-3', withinCommutingArea: true };
  assert.is(
    (await api.call('aa-wong', 'POST', '/reassignment-cases', { ...start, startedBy: 'aa-wong' })).status,
    403,
    'an appointing authority does not start one',
  );
  assert.is((await api.call('hr-ana', 'POST', '/reassignment-cases', start)).status, 201);
  await inboxOf(api, 'aa-wong', (items) => items.some((w) => w.stream === 'reassignment-RA-HTTP-3'));
  const waiver = await api.call('ex-rivera', 'POST', '/reassignment-cases/RA-HTTP-3/actions', {
    actor: { id: 'ex-rivera', role: 'executive' },
    action: { type: 'ConsentToShorterNotice', consentedOn: await today(stack), statement: 'I agree to less.' },
  });
  assert.is(waiver.status, 409);
  assert.is(waiver.body.rule, 'reassignment.waiver.commuting-area-not-waivable');
  assert.match(waiver.body.detail, 'not waivable');
});

e2e('CLI: start, act and status from example files; the decline ends the case; replay by stream', async ({ stack, cli }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-reassignment-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const started = await ses(await cli.as('hr-ana'), 'reassignment', 'start', join(REPO, 'examples', 'reassignment-start.json'));
  assert.is(started.code, 0, started.err);
  assert.match(started.out, /started reassignment case RA-2026-0001: workflow reassignment-RA-2026-0001/);
  const day0 = await today(stack);
  const consultation = example('reassignment-consultation.json');
  consultation.action.consultedOn = day0;
  const consulted = await ses(await cli.as('aa-wong'), 'reassignment', 'act', 'RA-2026-0001', file('consult.json', consultation), '--json');
  assert.is(consulted.code, 0, consulted.err);
  assert.is(JSON.parse(consulted.out).status, 'CONSULTED');
  const notice = example('reassignment-notice.json');
  notice.action.noticeDate = day0;
  notice.action.effectiveDate = addDays(day0, 59);
  const short = await ses(await cli.as('aa-wong'), 'reassignment', 'act', 'RA-2026-0001', file('short.json', notice));
  assert.is(short.code, 1);
  assert.match(short.err, /reassignment\.notice\.too-short/);
  notice.action.effectiveDate = addDays(day0, 60);
  assert.is((await ses(await cli.as('aa-wong'), 'reassignment', 'act', 'RA-2026-0001', file('notice.json', notice))).code, 0);
  const declined = await ses(await cli.as('ex-rivera'), 'reassignment', 'act', 'RA-2026-0001', join(REPO, 'examples', 'reassignment-decline.json'), '--json');
  assert.is(declined.code, 0, declined.err);
  assert.is(JSON.parse(declined.out).status, 'DECLINED');
  const status = JSON.parse((await ses(await cli.as('hr-ana'), 'reassignment', 'status', 'RA-2026-0001', '--json')).out);
  assert.equal(status.outcome.consequence, 'conduct-action');
  const replayed = await ses(await cli.as('aud-frank'), 'audit', 'replay', 'reassignment-RA-2026-0001', '--purpose', 'test audit');
  assert.match(replayed.out, /through revision 3 \(4 events\)[^]*DECLINED/, replayed.err);
});

e2e.run();
