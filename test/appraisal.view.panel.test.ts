import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { PANEL_MEMBERS, appraisalCommands, appraisalStart } from './support/appraisalViewCases';
import { eventually } from './support/browser';
import { sleepUntil, today as agencyToday } from './support/timeSkipping';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * A PRB panel acts on many executives' cases through the API, each case in its own workflow on the
 * time-skipping server: convened for two cases (a third that does not exist is refused by name), then its
 * recommendations recorded for both; sent again, each case's own decider refuses it.
 */
const panel = suite<{ stack: TestStack; api: ApiUnderTest }>('a PRB panel acts on many cases');

panel.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
});
panel.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

const CASES = ['APR-P1', 'APR-P2'];
const SUP = { id: 'sup-ortiz', role: 'supervisor' };

const statusOf = async (api: ApiUnderTest, caseId: string): Promise<string> => (await api.call('hr-ana', 'GET', `/appraisal-cases/${caseId}`)).body.status;
const reaches = (api: ApiUnderTest, status: string) =>
  eventually(`both cases ${status}`, async () => (await Promise.all(CASES.map((id) => statusOf(api, id)))).every((s) => s === status));
const act = async (api: ApiUnderTest, person: string, caseId: string, actor: object, action: object) => {
  const answer = await api.call(person, 'POST', `/appraisal-cases/${caseId}/actions`, { actor, action });
  assert.is(answer.status, 200, JSON.stringify(answer.body));
};
/** Noon in Washington on that agency day: timers of the day before have fired. */
const noonOn = (date: string) => Date.parse(agencyDayStart(date, 'DOE')) + 12 * 3600_000;

panel('convened for two cases at once, then both recommendations in one call; each case decides for itself', async ({ stack, api }) => {
  const today = await agencyToday(stack);
  const period = { cycle: 'FY2027', start: addDays(today, 20), end: addDays(today, 139) };
  const elements = (appraisalCommands(appraisalStart('X'), {}).find((c) => c.type === 'CommunicatePlan') as { elements: object[] }).elements;
  for (const caseId of CASES) {
    assert.is((await api.call('hr-ana', 'POST', '/appraisal-cases', appraisalStart(caseId, { period }))).status, 201);
  }
  await reaches(api, 'PLAN_DRAFT');
  for (const caseId of CASES) await act(api, 'sup-ortiz', caseId, SUP, { type: 'CommunicatePlan', elements, communicatedOn: today });
  await sleepUntil(stack, noonOn(addDays(period.start, 10)));
  for (const caseId of CASES) {
    await act(api, 'sup-ortiz', caseId, SUP, { type: 'RecordProgressReview', heldOn: addDays(period.start, 10), summary: 'On track.' });
  }
  // The 120-day period ends; the supervisor rates; the 10-day response window closes by its timer.
  await sleepUntil(stack, noonOn(addDays(period.end, 1)));
  await reaches(api, 'RATING_DUE');
  await act(api, 'sup-ortiz', 'APR-P1', SUP, { type: 'IssueInitialRating', level: 4, narrative: 'Exceeds.' });
  await act(api, 'sup-ortiz', 'APR-P2', SUP, { type: 'IssueInitialRating', level: 3, narrative: 'Fully successful.' });
  await sleepUntil(stack, noonOn(addDays(period.end, 13)));
  await reaches(api, 'AWAITING_PRB');

  const convened = await api.call('hr-ana', 'POST', '/appraisal/panels/PRB-DOE-FY27/convening', {
    actor: { id: 'hr-ana', role: 'hr-specialist' },
    members: PANEL_MEMBERS,
    caseIds: [...CASES, 'APR-NONE'],
  });
  assert.is(convened.status, 200, JSON.stringify(convened.body));
  assert.equal(
    convened.body.results.map((r: { caseId: string; outcome: string; status?: string; problem?: { status: number } }) => [
      r.caseId,
      r.outcome,
      r.status ?? r.problem!.status,
    ]),
    [
      ['APR-P1', 'recorded', 'PRB_REVIEW'],
      ['APR-P2', 'recorded', 'PRB_REVIEW'],
      ['APR-NONE', 'refused', 404],
    ],
  );

  const recommendations = {
    actor: { id: 'prb-adams', role: 'supervisor' },
    recommendations: [
      { caseId: 'APR-P1', recommendedLevel: 4, recommendation: 'The board concurs.' },
      { caseId: 'APR-P2', recommendedLevel: 3, recommendation: 'The board concurs.' },
    ],
  };
  const recorded = await api.call('prb-adams', 'POST', '/appraisal/panels/PRB-DOE-FY27/recommendations', recommendations);
  assert.equal([recorded.status, recorded.body.recorded, recorded.body.refused], [200, 2, 0], JSON.stringify(recorded.body));
  const again = await api.call('prb-adams', 'POST', '/appraisal/panels/PRB-DOE-FY27/recommendations', recommendations);
  assert.equal(
    again.body.results.map((r: { outcome: string; problem: { error: string } }) => [r.outcome, r.problem.error]),
    [
      ['refused', 'appraisal.prb.not-in-review'],
      ['refused', 'appraisal.prb.not-in-review'],
    ],
  );

  const view = await api.call('ero-kim', 'GET', '/appraisal/panels/PRB-DOE-FY27');
  assert.equal(
    view.body.items.map((c: { caseId: string; status: string; prbRecommendedLevel: number }) => [c.caseId, c.status, c.prbRecommendedLevel]),
    [
      ['APR-P1', 'PRB_RECOMMENDED', 4],
      ['APR-P2', 'PRB_RECOMMENDED', 3],
    ],
  );
});

panel.run();
