import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { startTestStack, type TestStack } from './support/testStack';
import { allRatings, appointmentOf, board, submission } from './support/qrbFixtures';

/**
 * Commands sent at once through the HTTP API (real server, Temporal, store): each one is
 * either recorded (200, its event in the stream) or refused with a reason (a 4xx problem
 * naming the rule); never acknowledged and lost, never recorded twice.
 */
const together = suite<{ stack: TestStack; api: ApiUnderTest }>('commands sent at once');
const meets = allRatings('ecq-2025');
const RUNS = 5;

together.before(async (context) => {
  // The dev server: the time-skipping server sometimes answers a workflow task completing two racing
  // Updates with an error too long for gRPC's headers, and the worker retries it until the file times out.
  context.stack = await startTestStack({ server: 'dev' });
  context.api = await startApiUnderTest(context.stack);
});
together.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

type Answer = Awaited<ReturnType<ApiUnderTest['call']>>;

const convened = async (api: ApiUnderTest, caseId: string) => {
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId }))).status, 201);
  assert.is((await api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/board`, board())).status, 200);
};

const approved = async (api: ApiUnderTest, caseId: string) => {
  await convened(api, caseId);
  for (const memberId of ['m-lee', 'm-patel', 'm-chen'])
    assert.is((await api.call(memberId, 'POST', `/qrb-cases/${caseId}/votes`, { memberId, ratings: meets })).status, 200);
};

const eventTypes = async (stack: TestStack, caseId: string) => (await stack.store.readStream(`qrb-${caseId}`)).map((e) => e.type);

/** Recorded: 200 and its event in the stream. Refused: a 4xx problem with a rule and a reason, and no event. */
const recordedOrRefused = (answer: Answer, event: string, types: string[], what: string): 'recorded' | 'refused' => {
  if (answer.status === 200) {
    assert.ok(types.includes(event), `${what} answered 200 but ${event} is not in the stream: ${types.join(', ')}`);
    return 'recorded';
  }
  assert.ok([409, 412, 422].includes(answer.status), `${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  assert.type(answer.body.rule, 'string', `${what}'s refusal names its rule`);
  assert.ok(String(answer.body.detail).length > 0, `${what}'s refusal says why`);
  assert.not.ok(types.includes(event), `${what} was refused but ${event} is in the stream`);
  return 'refused';
};

together(`a withdrawal and an agency-head hold sent together: each recorded or refused, ${RUNS} runs`, async ({ stack, api }) => {
  const outcomes: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const caseId = `QRB-RACE-HOLD-${run}`;
    await convened(api, caseId);
    // Alternate which leaves first, so both orders are tried.
    const send = [
      () => api.call('hr-ana', 'POST', `/qrb-cases/${caseId}/withdrawal`, { withdrawnBy: 'hr-ana', reason: 'Selectee declined' }),
      () => api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/agency-head-transition`, { action: 'hold', by: 'opm-kim', reason: 'Agency head leaves' }),
    ];
    const [withdrawal, hold] = run % 2 === 0 ? await Promise.all([send[0]!(), send[1]!()]) : (await Promise.all([send[1]!(), send[0]!()])).reverse();
    const types = await eventTypes(stack, caseId);
    const withdrawn = recordedOrRefused(withdrawal!, 'QrbCaseWithdrawn', types, 'the withdrawal');
    const held = recordedOrRefused(hold!, 'QrbCasePlacedOnHold', types, 'the hold');
    assert.is(withdrawn, 'recorded', 'a held case may still be withdrawn, so the withdrawal always wins');
    assert.is(types.filter((t) => t === 'QrbCasePlacedOnHold').length, held === 'recorded' ? 1 : 0);
    outcomes.push(`${withdrawn}/${held}`);
  }
  assert.is(outcomes.length, RUNS, outcomes.join(' '));
});

together('20 identical votes at once: one event, one 200, nineteen 409 already-voted', async ({ stack, api }) => {
  const caseId = 'QRB-RACE-VOTES';
  await convened(api, caseId);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => api.call('m-lee', 'POST', `/qrb-cases/${caseId}/votes`, { memberId: 'm-lee', ratings: meets })),
  );
  assert.equal(answers.map((a) => a.status).sort(), [200, ...Array<number>(19).fill(409)]);
  const refusals = answers.filter((a) => a.status === 409);
  assert.equal([...new Set(refusals.map((a) => a.body.rule))], ['qrb.vote.already-voted'], JSON.stringify(refusals.map((a) => a.body)));
  assert.equal(await eventTypes(stack, caseId), ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast']);
});

together('two different votes by one member at once: one recorded as sent, the other refused', async ({ stack, api }) => {
  const caseId = 'QRB-RACE-TWO-VOTES';
  await convened(api, caseId);
  const bodies = [
    { memberId: 'm-patel', ratings: meets },
    { memberId: 'm-patel', ratings: { ...meets, 'driving-efficiency': 'does-not-meet' }, comment: 'Second thoughts.' },
  ];
  const answers = await Promise.all(bodies.map((body) => api.call('m-patel', 'POST', `/qrb-cases/${caseId}/votes`, body)));
  const winner = answers.findIndex((a) => a.status === 200);
  assert.ok(winner >= 0, JSON.stringify(answers.map((a) => a.status)));
  const loser = answers[1 - winner]!;
  assert.is(loser.status, 409);
  assert.is(loser.body.rule, 'qrb.vote.already-voted');
  const votes = (await stack.store.readStream(`qrb-${caseId}`)).filter((e) => e.type === 'QrbVoteCast');
  assert.is(votes.length, 1);
  assert.equal((votes[0]!.data as { ratings: unknown }).ratings, bodies[winner]!.ratings, 'the stored vote is the one answered 200');
});

together('withdrawal and appointment of an approved case at once: one winner, one refusal', async ({ stack, api }) => {
  const caseId = 'QRB-RACE-APPOINT';
  await approved(api, caseId);
  const [withdrawal, appointment] = await Promise.all([
    api.call('hr-ana', 'POST', `/qrb-cases/${caseId}/withdrawal`, { withdrawnBy: 'hr-ana', reason: 'Selectee declined' }),
    api.call('hr-ana', 'POST', `/qrb-cases/${caseId}/appointment`, appointmentOf(caseId)),
  ]);
  const types = await eventTypes(stack, caseId);
  const outcomes = [
    recordedOrRefused(withdrawal, 'QrbCaseWithdrawn', types, 'the withdrawal'),
    recordedOrRefused(appointment, 'QrbAppointmentRecorded', types, 'the appointment'),
  ];
  assert.equal(outcomes.sort(), ['recorded', 'refused']);
});

together('two decisions on the same revision (If-Match): one recorded, the other 412', async ({ stack, api }) => {
  const caseId = 'QRB-RACE-IF-MATCH';
  await convened(api, caseId);
  const post = async (as: string, path: string, body: unknown) => {
    const response = await fetch(`${api.base}/qrb-cases/${caseId}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-match': '"1"', authorization: `Bearer ${await api.tokenFor(as)}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, never>, headers: response.headers };
  };
  const [hold, vote] = await Promise.all([
    post('opm-kim', 'agency-head-transition', { action: 'hold', by: 'opm-kim', reason: 'Agency head leaves' }),
    post('m-lee', 'votes', { memberId: 'm-lee', ratings: meets }),
  ]);
  const types = await eventTypes(stack, caseId);
  const outcomes = [recordedOrRefused(hold, 'QrbCasePlacedOnHold', types, 'the hold'), recordedOrRefused(vote, 'QrbVoteCast', types, 'the vote')];
  assert.equal(outcomes.sort(), ['recorded', 'refused']);
  assert.is([hold, vote].find((a) => a.status !== 200)!.status, 412);
  assert.is(types.length, 3);
});

together.run();
