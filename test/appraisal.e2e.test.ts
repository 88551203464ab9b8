import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { inboxOf } from './support/inboxOf';
import { REPO, cliUnderTest, ses, type CliUnderTest } from './support/cliUnderTest';
import { startTestStack, type TestStack } from './support/testStack';
import { sleepUntil, today } from './support/timeSkipping';

/**
 * An appraisal through the routes and CLI commands its definition gives it: the real API server and `ses` child
 * processes against a time-skipping stack and its SQLite store. The period is the 90-day minimum, run in full.
 */
const e2e = suite<{ stack: TestStack; api: ApiUnderTest; cli: CliUnderTest }>('appraisal through the API and the CLI');
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

/** A 90-day period from `start`, and the plan communicated on its first day. */
const startOn = (caseId: string, start: string) => ({
  ...example('appraisal-start.json'),
  caseId,
  period: { cycle: 'FY2027-Q', start, end: addDays(start, 89) },
});
const planOn = (day: string) => {
  const plan = example('appraisal-plan.json');
  plan.action.communicatedOn = day;
  return plan;
};

e2e('HTTP: start, the inbox, plan refused then set, the period run, rating, higher-level review, PRB, final rating, audited', async ({ stack, api }) => {
  const day0 = await today(stack);
  const created = await api.call('hr-ana', 'POST', '/appraisal-cases', startOn('APR-HTTP-1', day0));
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.is(created.body.stream, 'appraisal-APR-HTTP-1');
  const planDue = await inboxOf(api, 'sup-ortiz', (items) => items.some((w) => w.stream === 'appraisal-APR-HTTP-1'));
  assert.equal(
    planDue.filter((w) => w.stream === 'appraisal-APR-HTTP-1').map((w) => w.action),
    ['CommunicatePlan'],
  );
  const light = planOn(day0);
  light.action.elements[0].weight = 20;
  light.action.elements[1].weight = 30;
  const refused = await api.call('sup-ortiz', 'POST', '/appraisal-cases/APR-HTTP-1/actions', light);
  assert.is(refused.status, 422);
  assert.is(refused.body.rule, 'appraisal.plan.element-minimum-weight');
  assert.match(refused.body.detail, '25%');
  assert.is((await api.call('sup-ortiz', 'POST', '/appraisal-cases/APR-HTTP-1/actions', planOn(day0))).body.status, 'IN_PERIOD');
  const review = { actor: { id: 'sup-ortiz', role: 'supervisor' }, action: { type: 'RecordProgressReview', heldOn: day0, summary: 'Expectations discussed.' } };
  assert.is((await api.call('sup-ortiz', 'POST', '/appraisal-cases/APR-HTTP-1/actions', review)).status, 200);

  await sleepUntil(stack, Date.parse(agencyDayStart(addDays(day0, 90), 'DOE')) + 60_000);
  const rate = { actor: { id: 'sup-ortiz', role: 'supervisor' }, action: { type: 'IssueInitialRating', level: 3, narrative: 'Fully successful.' } };
  const rated = await api.call('sup-ortiz', 'POST', '/appraisal-cases/APR-HTTP-1/actions', rate);
  assert.is(rated.status, 200, JSON.stringify(rated.body));
  assert.is(rated.body.status, 'INITIAL_RATING_ISSUED');
  const respond = await inboxOf(api, 'ex-rivera', (items) => items.some((w) => w.stream === 'appraisal-APR-HTTP-1'));
  assert.ok(respond.some((w) => w.stream === 'appraisal-APR-HTTP-1' && w.action === 'RespondToInitialRating'));
  const response = {
    actor: { id: 'ex-rivera', role: 'executive' },
    action: { type: 'RespondToInitialRating', response: 'I ask for a review.', requestHigherLevelReview: true },
  };
  assert.is((await api.call('ex-rivera', 'POST', '/appraisal-cases/APR-HTTP-1/actions', response)).body.status, 'HIGHER_LEVEL_REVIEW');
  // The rating supervisor cannot review their own rating; another official recommends.
  const ownReview = { actor: { id: 'sup-ortiz', role: 'supervisor' }, action: { type: 'SubmitHigherLevelReview', recommendedLevel: 4, recommendation: 'x' } };
  assert.is((await api.call('sup-ortiz', 'POST', '/appraisal-cases/APR-HTTP-1/actions', ownReview)).body.rule, 'appraisal.separation-of-duties');
  const hlr = {
    actor: { id: 'sup-hollis', role: 'supervisor' },
    action: { type: 'SubmitHigherLevelReview', recommendedLevel: 4, recommendation: 'Exceeds on element 1.' },
  };
  const reviewed = await api.call('sup-hollis', 'POST', '/appraisal-cases/APR-HTTP-1/actions', hlr);
  assert.is(reviewed.body.initialRating.level, 3);
  assert.is((await api.call('hr-ana', 'POST', '/appraisal-cases/APR-HTTP-1/actions', example('appraisal-prb.json'))).body.status, 'PRB_REVIEW');
  const recommend = {
    actor: { id: 'prb-adams', role: 'supervisor' },
    action: { type: 'SubmitPrbRecommendation', recommendedLevel: 3, recommendation: 'Level 3.' },
  };
  assert.is((await api.call('prb-adams', 'POST', '/appraisal-cases/APR-HTTP-1/actions', recommend)).body.status, 'PRB_RECOMMENDED');
  const final = await api.call('aa-wong', 'POST', '/appraisal-cases/APR-HTTP-1/actions', example('appraisal-final-rating.json'));
  assert.is(final.body.status, 'COMPLETED');
  assert.is(final.body.finalRating.level, 3);

  const replay = await api.call('aud-frank', 'GET', '/audit/streams/appraisal-APR-HTTP-1/replay');
  assert.equal(replay.body.state, (await api.call('hr-ana', 'GET', '/appraisal-cases/APR-HTTP-1')).body);
  assert.is((await api.call('aud-frank', 'GET', '/audit/streams/appraisal-APR-HTTP-1/verify')).body.ok, true);
});

e2e('HTTP: bad input is 400 naming the field; an appeal is no action; the PRB composition is refused naming its rule', async ({ stack, api }) => {
  const bad = await api.call('hr-ana', 'POST', '/appraisal-cases', { ...startOn('APR-HTTP-2', await today(stack)), appointmentType: 'political' });
  assert.is(bad.status, 400);
  assert.is(bad.body.issues[0].field, 'appointmentType');
  assert.is((await api.call('hr-ana', 'GET', '/appraisal-cases/APR-HTTP-2')).status, 404, 'nothing was started');
  assert.is((await api.call('hr-ana', 'POST', '/appraisal-cases', startOn('APR-HTTP-3', await today(stack)))).status, 201);
  await inboxOf(api, 'sup-ortiz', (items) => items.some((w) => w.stream === 'appraisal-APR-HTTP-3'));
  const appeal = await api.call('ex-rivera', 'POST', '/appraisal-cases/APR-HTTP-3/actions', {
    actor: { id: 'ex-rivera', role: 'executive' },
    action: { type: 'AppealRating', reason: 'I disagree.' },
  });
  assert.is(appeal.status, 400, 'ratings are not appealable: there is no such action');
  assert.is(appeal.body.issues[0].field, 'action.type');
});

e2e('CLI: start, act and status from example files; the period runs; a wrong panel refused; replay by stream', async ({ stack, cli }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-appraisal-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const day0 = await today(stack);
  const started = await ses(await cli.as('hr-ana'), 'appraisal', 'start', file('start.json', startOn('APR-CLI-1', day0)));
  assert.is(started.code, 0, started.err);
  assert.match(started.out, /started appraisal case APR-CLI-1: workflow appraisal-APR-CLI-1/);
  for (let i = 0; !(await ses(await cli.as('hr-ana'), 'appraisal', 'status', 'APR-CLI-1')).out.includes('"PLAN_DRAFT"'); i += 1) {
    if (i === 20) throw new Error('APR-CLI-1 never started');
  }
  const planned = await ses(await cli.as('sup-ortiz'), 'appraisal', 'act', 'APR-CLI-1', file('plan.json', planOn(day0)), '--json');
  assert.is(planned.code, 0, planned.err);
  assert.is(JSON.parse(planned.out).status, 'IN_PERIOD');
  const review = { actor: { id: 'sup-ortiz', role: 'supervisor' }, action: { type: 'RecordProgressReview', heldOn: day0, summary: 'On track.' } };
  assert.is((await ses(await cli.as('sup-ortiz'), 'appraisal', 'act', 'APR-CLI-1', file('review.json', review))).code, 0);
  await sleepUntil(stack, Date.parse(agencyDayStart(addDays(day0, 90), 'DOE')) + 60_000);
  const rate = { actor: { id: 'sup-ortiz', role: 'supervisor' }, action: { type: 'IssueInitialRating', level: 2, narrative: 'Minimally satisfactory.' } };
  assert.is((await ses(await cli.as('sup-ortiz'), 'appraisal', 'act', 'APR-CLI-1', file('rate.json', rate))).code, 0);
  const respond = {
    actor: { id: 'ex-rivera', role: 'executive' },
    action: { type: 'RespondToInitialRating', response: 'Noted.', requestHigherLevelReview: false },
  };
  assert.is((await ses(await cli.as('ex-rivera'), 'appraisal', 'act', 'APR-CLI-1', file('respond.json', respond))).code, 0);
  const twoMembers = example('appraisal-prb.json');
  twoMembers.action.members = twoMembers.action.members.slice(0, 2);
  const small = await ses(await cli.as('hr-ana'), 'appraisal', 'act', 'APR-CLI-1', file('small.json', twoMembers));
  assert.is(small.code, 1);
  assert.match(small.err, /appraisal\.prb\.size/);
  assert.is((await ses(await cli.as('hr-ana'), 'appraisal', 'act', 'APR-CLI-1', join(REPO, 'examples', 'appraisal-prb.json'))).code, 0);
  const status = JSON.parse((await ses(await cli.as('hr-ana'), 'appraisal', 'status', 'APR-CLI-1', '--json')).out);
  assert.is(status.status, 'PRB_REVIEW');
  const replayed = await ses(await cli.as('aud-frank'), 'audit', 'replay', 'appraisal-APR-CLI-1', '--purpose', 'test audit');
  assert.match(replayed.out, /PRB_REVIEW/, replayed.err);
});

e2e.run();
