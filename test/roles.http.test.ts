import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyExport } from '../client/auditor/verifyExport';
import { CHECKPOINT_STREAM } from '../client/auditor/checkpointStream';
import { ReadModel } from '../client/readModel/readModel';
import { addDays } from '../domain/calendar';
import { isAccessLogStream } from '../domain/disclosure';
import type { EventStore } from '../eventstore/eventStore';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { startTestStack, type TestStack } from './support/testStack';
import { today as agencyToday } from './support/timeSkipping';

/**
 * The three roles at work through the HTTP API, on the real stack: who may call what
 * (401/403 leave no trace), acting officials, the inbox projection, the auditor's toolkit.
 */
const roles = suite<{ stack: TestStack; api: ApiUnderTest }>('roles over HTTP');

roles.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
roles.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', name), 'utf8'));

/** The probation example under its own case id, effective today on the test server's clock, started and visible. */
const startProbation = async ({ api, stack }: { api: ApiUnderTest; stack: TestStack }, caseId: string) => {
  const body = { ...example('probation-start.json'), caseId, appointmentEffectiveDate: await agencyToday(stack) };
  assert.is((await api.call('hr-ana', 'POST', '/probation-cases', body)).status, 201);
  for (let i = 0; i < 50; i += 1) {
    if ((await api.call('hr-ana', 'GET', `/probation-cases/${caseId}`)).body.status === 'ON_PROBATION') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${caseId} never started`);
};

/** Every route, one person allowed and one refused by role (null: every role may). */
const ROUTES: { method: string; path: string; allowed: string; refused: string | null }[] = [
  { method: 'POST', path: '/qrb-cases', allowed: 'hr-ana', refused: 'aud-frank' },
  { method: 'GET', path: '/qrb-cases/QRB-R-1', allowed: 'hr-ana', refused: 'ex-rivera' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/board', allowed: 'opm-kim', refused: 'hr-ana' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/votes', allowed: 'm-lee', refused: 'hr-ana' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/resubmission', allowed: 'hr-ana', refused: 'm-lee' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/withdrawal', allowed: 'hr-ana', refused: 'opm-kim' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/agency-head-transition', allowed: 'opm-kim', refused: 'hr-ana' },
  { method: 'POST', path: '/qrb-cases/QRB-R-1/appointment', allowed: 'hr-ana', refused: 'aa-wong' },
  ...['probation', 'onboarding', 'rotation'].flatMap((process) => [
    { method: 'POST', path: `/${process}-cases`, allowed: 'hr-ana', refused: 'sup-ortiz' },
    { method: 'GET', path: `/${process}-cases/X-R-1`, allowed: 'sup-ortiz', refused: 'emp-okafor' },
    { method: 'POST', path: `/${process}-cases/X-R-1/actions`, allowed: 'sup-ortiz', refused: 'aud-frank' },
  ]),
  { method: 'GET', path: '/inbox', allowed: 'ex-rivera', refused: null },
  { method: 'GET', path: '/inbox/started', allowed: 'ex-rivera', refused: null },
  { method: 'POST', path: '/delegations', allowed: 'aa-wong', refused: 'aud-frank' },
  { method: 'GET', path: '/delegations/DEL-R-0', allowed: 'hr-ana', refused: 'ex-rivera' },
  { method: 'POST', path: '/delegations/DEL-R-0/revocation', allowed: 'aa-wong', refused: 'aud-frank' },
  { method: 'GET', path: '/reports/qrb-decision-time', allowed: 'ero-kim', refused: 'sup-ortiz' },
  { method: 'GET', path: '/audit/cases', allowed: 'aud-frank', refused: 'hr-ana' },
  { method: 'GET', path: '/audit/verify', allowed: 'aud-frank', refused: 'admin-root' },
  { method: 'GET', path: '/audit/access-log?personId=hr-ana', allowed: 'aud-frank', refused: 'ero-kim' },
  { method: 'GET', path: '/audit/export?stream=probation-X-R-1', allowed: 'aud-frank', refused: 'hr-ana' },
  ...['events', 'replay', 'history', 'verify', 'compare', 'what-if?policyVersion=ses-2025-10-01', 'access-log'].map((view) => ({
    method: 'GET',
    path: `/audit/streams/probation-X-R-1/${view}`,
    allowed: 'aud-frank',
    refused: 'ero-kim',
  })),
  // The Temporal Web UI's codec endpoint: decoding is reading cases; sealing is for those who may act.
  { method: 'POST', path: '/codec/decode', allowed: 'aud-frank', refused: 'ex-rivera' },
  { method: 'POST', path: '/codec/encode', allowed: 'hr-ana', refused: 'aud-frank' },
];

/** Events outside the record-keeping streams: an allowed auditor's read is accounted for, and an export signs a checkpoint. */
const caseEventCount = async (store: EventStore): Promise<number> =>
  (await store.readAll()).filter((event) => !isAccessLogStream(event.stream) && event.stream !== CHECKPOINT_STREAM).length;

roles('every route: no or a bad token is 401, a role that may not is 403, the allowed role gets past both; refusals write nothing', async ({ api, stack }) => {
  const eventsBefore = await caseEventCount(stack.store);
  for (const route of ROUTES) {
    const body = route.method === 'POST' ? {} : undefined;
    const anonymous = await api.call(null, route.method, route.path, body);
    assert.is(anonymous.status, 401, `${route.method} ${route.path} without a token`);
    assert.is(anonymous.body.rule, 'unauthenticated');
    assert.is(anonymous.headers.get('www-authenticate'), 'Bearer realm="ses"');
    const forged = await fetch(`${api.base}${route.path}`, { method: route.method, headers: { authorization: 'Bearer e30.e30.c2ln' } });
    assert.is(forged.status, 401, `${route.method} ${route.path} with a forged token`);
    if (route.refused) {
      const refused = await api.call(route.refused, route.method, route.path, body);
      assert.is(refused.status, 403, `${route.refused} on ${route.method} ${route.path}: ${JSON.stringify(refused.body)}`);
      assert.match(refused.body.detail, new RegExp(`^${route.refused} \\(`));
    }
    const allowed = await api.call(route.allowed, route.method, route.path, body);
    assert.not.ok([401, 403].includes(allowed.status), `${route.allowed} on ${route.method} ${route.path}: ${JSON.stringify(allowed.body)}`);
  }
  assert.is(await caseEventCount(stack.store), eventsBefore, 'no refused call reached a case or delegation stream');
  assert.is((await api.call(null, 'GET', '/health')).status, 200, 'health needs no token');
});

roles('a person acts only as themself and in a role they hold; an auditor changes nothing', async (context) => {
  const { api } = context;
  await startProbation(context, 'EX-R-2');
  const asOther = await api.call('sup-hollis', 'POST', '/probation-cases/EX-R-2/actions', example('probation-assessment.json'));
  assert.is(asOther.status, 403);
  assert.match(asOther.body.detail, /actor\.id names sup-ortiz, but the token is sup-hollis's/);
  const notMine = await api.call('hr-ana', 'POST', '/qrb-cases', { submittedBy: 'hr-bob' });
  assert.is(notMine.status, 403);
  const auditor = await api.call('aud-frank', 'POST', '/probation-cases/EX-R-2/actions', {
    actor: { id: 'aud-frank', role: 'auditor' },
    action: { type: 'CertifyProbation', statement: 'x' },
  });
  assert.is(auditor.status, 403, 'refused at the edge');
  const events = await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-2/events');
  assert.is(events.body.items.length, 1, 'only the start was recorded');
});

roles('an acting official certifies under a delegation: the event names both; a revoked delegation no longer works', async (context) => {
  const { api, stack } = context;
  await startProbation(context, 'EX-R-3');
  assert.is((await api.call('sup-ortiz', 'POST', '/probation-cases/EX-R-3/actions', example('probation-assessment.json'))).status, 200);
  const today = await agencyToday(stack);
  const grant = {
    delegationId: 'DEL-R-1',
    from: 'aa-wong',
    to: 'aa-acting',
    role: 'appointing-authority',
    approvals: ['CertifyProbation'],
    validFrom: today,
    validUntil: addDays(today, 30),
    reason: 'Ms. Wong on leave.',
  };
  const byTheDelegate = await api.call('aa-acting', 'POST', '/delegations', grant);
  assert.is(byTheDelegate.status, 422, JSON.stringify(byTheDelegate.body));
  const granted = await api.call('aa-wong', 'POST', '/delegations', grant);
  assert.is(granted.status, 201, JSON.stringify(granted.body));
  assert.is(granted.body.status, 'GRANTED');
  assert.is((await api.call('hr-ana', 'GET', '/delegations/DEL-R-1')).body.grant.to, 'aa-acting');

  const certify = { ...example('probation-certify.json'), actor: { id: 'aa-acting', role: 'appointing-authority', delegationId: 'DEL-R-1' } };
  const forged = await api.call('aa-acting', 'POST', '/probation-cases/EX-R-3/actions', {
    ...certify,
    actor: { id: 'aa-acting', role: 'appointing-authority', delegation: { from: 'aa-wong' } },
  });
  assert.is(forged.status, 400, 'a body cannot bring its own delegation terms');
  const certified = await api.call('aa-acting', 'POST', '/probation-cases/EX-R-3/actions', certify);
  assert.is(certified.status, 200, JSON.stringify(certified.body));
  assert.is(certified.body.status, 'CERTIFIED');
  const events = (await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-3/events')).body.items;
  const certification = events.find((e: { type: string }) => e.type === 'ProbationCertified');
  assert.is(certification.meta.actor.id, 'aa-acting');
  assert.is(certification.meta.actor.delegation.from, 'aa-wong');
  assert.is(certification.meta.actor.delegation.delegationId, 'DEL-R-1');

  assert.is((await api.call('aa-wong', 'POST', '/delegations/DEL-R-1/revocation', { reason: 'Back from leave.' })).body.status, 'REVOKED');
  await startProbation(context, 'EX-R-4');
  const afterRevocation = await api.call('aa-acting', 'POST', '/probation-cases/EX-R-4/actions', certify);
  assert.is(afterRevocation.status, 403);
  assert.is(afterRevocation.body.rule, 'delegation.not-in-force');
});

roles('the inbox: each approver sees what waits on them, with due dates; the specialist sees what they started', async (context) => {
  const { api } = context;
  await startProbation(context, 'EX-R-5');
  const supervisor = await api.call('sup-ortiz', 'GET', '/inbox');
  const assessment = supervisor.body.items.find((w: { stream: string }) => w.stream === 'probation-EX-R-5');
  assert.is(assessment.action, 'SubmitAssessment');
  assert.is(assessment.overdue, false);
  const state = (await api.call('hr-ana', 'GET', '/probation-cases/EX-R-5')).body;
  assert.is(assessment.dueOn, state.endDate);
  assert.not.ok(
    (await api.call('aa-wong', 'GET', '/inbox')).body.items.some((w: { stream: string }) => w.stream === 'probation-EX-R-5'),
    'the certification waits for the assessment',
  );
  assert.ok((await api.call('hr-ana', 'GET', '/inbox/started')).body.items.some((c: { stream: string }) => c.stream === 'probation-EX-R-5'));
  assert.not.ok(
    (await api.call('sup-hollis', 'GET', '/inbox')).body.items.some((w: { stream: string }) => w.stream === 'probation-EX-R-5'),
    'not on another supervisor',
  );

  await api.call('sup-ortiz', 'POST', '/probation-cases/EX-R-5/actions', example('probation-assessment.json'));
  const after = (await api.call('sup-ortiz', 'GET', '/inbox')).body.items;
  assert.not.ok(
    after.some((w: { stream: string; action: string }) => w.stream === 'probation-EX-R-5' && w.action === 'SubmitAssessment'),
    'gone once done',
  );
  const authority = (await api.call('aa-wong', 'GET', '/inbox')).body.items.find((w: { stream: string }) => w.stream === 'probation-EX-R-5');
  assert.is(authority.action, 'CertifyProbation');
  assert.is(authority.dueOn, state.endDate);

  const nearEnd = await api.call('ero-kim', 'GET', '/reports/probations-near-end?withinDays=400');
  assert.ok(nearEnd.body.some((p: { stream: string }) => p.stream === 'probation-EX-R-5'));
  assert.is((await api.call('ero-kim', 'GET', '/reports/no-such-report')).status, 400);
});

roles('the auditor: list, history, compare, what-if, export verified offline, and every read in the access log with its purpose', async (context) => {
  const { api, stack } = context;
  await startProbation(context, 'EX-R-6');
  await api.call('sup-ortiz', 'POST', '/probation-cases/EX-R-6/actions', example('probation-assessment.json'));

  const listed = await api.call('aud-frank', 'GET', '/audit/cases?process=probation&agency=DOE');
  assert.ok(listed.body.items.some((c: { stream: string }) => c.stream === 'probation-EX-R-6'));
  assert.is((await api.call('aud-frank', 'GET', '/audit/cases?process=rotation')).body.items.length, 0);
  const history = (await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-6/history')).body;
  assert.equal(
    history.map((h: { type: string }) => h.type),
    ['ProbationStarted', 'ProbationAssessmentSubmitted'],
  );
  assert.ok(history[1].changes.some((c: { path: string }) => c.path.startsWith('assessments')));
  const compare = (await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-6/compare')).body;
  assert.is(compare.same, true, JSON.stringify(compare.differences));
  const whatIf = (await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-6/what-if?policyVersion=what-if-2yr-probation')).body;
  assert.ok(
    whatIf.differences.some((d: { path: string }) => d.path === 'endDate'),
    JSON.stringify(whatIf.differences),
  );

  const exported = await fetch(`${api.base}/audit/export?stream=probation-EX-R-6&format=csv`, {
    headers: { authorization: `Bearer ${await api.tokenFor('aud-frank')}`, 'x-purpose': 'annual review' },
  });
  assert.is(exported.headers.get('content-type'), 'text/csv; charset=utf-8');
  const verified = verifyExport(await exported.text(), 'csv');
  assert.ok(verified.ok && verified.events === 2, JSON.stringify(verified));

  const noPurpose = await fetch(`${api.base}/audit/streams/probation-EX-R-6/events`, {
    headers: { authorization: `Bearer ${await api.tokenFor('aud-frank')}` },
  });
  assert.is(noPurpose.status, 400);
  const log = (await api.call('aud-frank', 'GET', '/audit/streams/probation-EX-R-6/access-log')).body.items;
  assert.ok(log.some((e: { action: string; personId: string }) => e.action === 'case.status' && e.personId === 'hr-ana'));
  assert.ok(log.some((e: { action: string; purpose: string }) => e.action === 'audit.export' && e.purpose === 'annual review'));
  assert.is(log.filter((e: { action: string }) => e.action === 'audit.events').length, 0, 'the refused read disclosed nothing');
  assert.is((await stack.store.readStream('probation-EX-R-6')).length, 2, 'reading never adds to the case stream');
});

roles('the projection rebuilt from zero equals the live one', async ({ api, stack }) => {
  await api.call('aud-frank', 'GET', '/audit/cases');
  const rebuilt = ReadModel.open(join(api.config.DATA_DIR, 'rebuilt.db'));
  await rebuilt.rebuild(stack.store);
  await api.readModel.catchUp(stack.store);
  assert.equal(rebuilt.snapshot(), api.readModel.snapshot());
  assert.ok((rebuilt.snapshot().cases as unknown[]).length >= 4);
  await rebuilt.close();
});

roles.run();
