import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';
import { today as agencyToday } from './support/timeSkipping';

/** GET /{process}-cases/{id}/timeline on the real stack: events without their data, who acts next, the timers ahead, the access log. */
const timeline = suite<{ stack: TestStack; api: ApiUnderTest }>('case timeline over HTTP');

timeline.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
timeline.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

const untilStatus = async (api: ApiUnderTest, path: string, status: string) => {
  for (let i = 0; i < 50; i += 1) {
    if ((await api.call('hr-ana', 'GET', path)).body.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} never reached ${status}`);
};

timeline(
  'a probation case: its events (type, time, actor), the assessment waiting on the supervisor, the reminders and the end ahead',
  async ({ api, stack }) => {
    const today = await agencyToday(stack);
    const start = {
      caseId: 'EX-T-1',
      executiveId: 'ex-rivera',
      agency: 'DOE',
      appointmentEffectiveDate: today,
      criterion: 'A',
      priorTenure: 'career',
      supervisorId: 'sup-ortiz',
      appointingAuthorityId: 'aa-wong',
      startedBy: 'hr-ana',
    };
    assert.is((await api.call('hr-ana', 'POST', '/probation-cases', start)).status, 201);
    await untilStatus(api, '/probation-cases/EX-T-1', 'ON_PROBATION');

    const read = await api.call('sup-ortiz', 'GET', '/probation-cases/EX-T-1/timeline');
    assert.is(read.status, 200, JSON.stringify(read.body));
    const body = read.body;
    assert.is(body.stream, 'probation-EX-T-1');
    assert.is(body.revision, 0);
    assert.is(body.status, 'ON_PROBATION');
    assert.ok(body.policyVersion);
    assert.equal(
      body.events.map((e: { revision: number; type: string; actor: unknown }) => [e.revision, e.type, e.actor]),
      [[0, 'ProbationStarted', { id: 'hr-ana', role: 'hr-specialist' }]],
    );
    assert.not.ok('data' in body.events[0], 'no event data: only type, time and actor');
    assert.equal(
      body.pending.map((p: { action: string; assigneeId: string; assigneeRole: string; overdue: boolean }) => [
        p.action,
        p.assigneeId,
        p.assigneeRole,
        p.overdue,
      ]),
      [['SubmitAssessment', 'sup-ortiz', 'supervisor', false]],
    );
    const state = (await api.call('hr-ana', 'GET', '/probation-cases/EX-T-1')).body;
    const ahead = body.ahead as { kind: string; dueAt: string; note: string }[];
    assert.is(ahead.at(-1)!.kind, 'end-of-period');
    // The end is reached when the probationer's agency's next day begins (Washington's midnight), not at 00:00 UTC.
    assert.is(ahead.at(-1)!.dueAt, agencyDayStart(addDays(state.endDate, 1), state.agency));
    assert.ok(
      ahead.some((a) => a.kind === 'certification-reminder'),
      JSON.stringify(ahead),
    );
    assert.equal(
      [...ahead].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
      ahead,
      'soonest first',
    );

    // The assessment moves the decision to the appointing authority; an acting official's certification names whom they act for.
    const assessment = {
      actor: { id: 'sup-ortiz', role: 'supervisor' },
      action: { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent.' },
    };
    assert.is((await api.call('sup-ortiz', 'POST', '/probation-cases/EX-T-1/actions', assessment)).status, 200);
    const assessed = (await api.call('aa-wong', 'GET', '/probation-cases/EX-T-1/timeline')).body;
    assert.equal(
      assessed.pending.map((p: { action: string; assigneeId: string }) => [p.action, p.assigneeId]),
      [['CertifyProbation', 'aa-wong']],
    );
    const grant = {
      delegationId: 'DEL-T-1',
      from: 'aa-wong',
      to: 'aa-acting',
      role: 'appointing-authority',
      approvals: ['CertifyProbation'],
      validFrom: today,
      validUntil: addDays(today, 30),
      reason: 'On leave.',
    };
    assert.is((await api.call('aa-wong', 'POST', '/delegations', grant)).status, 201);
    const certify = {
      actor: { id: 'aa-acting', role: 'appointing-authority', delegationId: 'DEL-T-1' },
      action: { type: 'CertifyProbation', statement: 'Certified.' },
    };
    assert.is((await api.call('aa-acting', 'POST', '/probation-cases/EX-T-1/actions', certify)).status, 200);
    const certified = (await api.call('hr-ana', 'GET', '/probation-cases/EX-T-1/timeline')).body;
    assert.is(certified.status, 'CERTIFIED');
    assert.is(certified.revision, 2);
    assert.equal(certified.events[2].actor, { id: 'aa-acting', role: 'appointing-authority', actingFor: 'aa-wong' });
    assert.equal(certified.pending, []);
    assert.equal(
      certified.ahead.map((a: { kind: string }) => a.kind),
      ['end-of-period'],
    );
  },
);

timeline('a QRB case: the convening waits on OPM; the state is folded from the store like the live one', async ({ api }) => {
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-T-1' }))).status, 201);
  await untilStatus(api, '/qrb-cases/QRB-T-1', 'SUBMITTED_TO_OPM');
  const body = (await api.call('opm-kim', 'GET', '/qrb-cases/QRB-T-1/timeline')).body;
  assert.is(body.status, 'SUBMITTED_TO_OPM');
  assert.equal(
    body.events.map((e: { type: string }) => e.type),
    ['QrbCaseSubmitted'],
  );
  assert.equal(
    body.pending.map((p: { action: string; assigneeRole: string }) => [p.action, p.assigneeRole]),
    [['ConveneQrbBoard', 'opm-qrb-staff']],
  );
  assert.equal(body.ahead, [], 'nothing is timed before a board sits');
});

timeline('an executive is refused (403) and nothing is logged; an unknown case is 404; each read is in the access log with its purpose', async ({ api }) => {
  const refused = await api.call('ex-rivera', 'GET', '/probation-cases/EX-T-1/timeline');
  assert.is(refused.status, 403);
  assert.is(refused.body.rule, 'forbidden');
  assert.is((await api.call('hr-ana', 'GET', '/probation-cases/EX-NONE/timeline')).status, 404);

  const withoutPurpose = await fetch(`${api.base}/probation-cases/EX-T-1/timeline`, {
    headers: { authorization: `Bearer ${await api.tokenFor('sup-hollis')}` },
  });
  assert.is(withoutPurpose.status, 200);
  const log = (await api.accessLog.forStream('probation-EX-T-1')).items.filter((e) => e.action === 'case.timeline');
  assert.ok(
    log.some((e) => e.personId === 'sup-ortiz' && e.purpose === 'integration test'),
    JSON.stringify(log),
  );
  assert.ok(
    log.some((e) => e.personId === 'sup-hollis' && e.purpose === 'case work: timeline'),
    JSON.stringify(log),
  );
  assert.not.ok(
    log.some((e) => e.personId === 'ex-rivera'),
    'a refused read disclosed nothing',
  );
  assert.equal(log.find((e) => e.personId === 'sup-ortiz')!.streams, ['probation-EX-T-1']);
});

timeline.run();
