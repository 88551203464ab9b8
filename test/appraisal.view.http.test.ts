import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROBLEM_CONTENT_TYPE } from '../client/http/problemDocument';
import { apiOverStore, type ApiOverStore } from './support/apiOverStore';
import { appendAppraisal, appraisalStart } from './support/appraisalViewCases';

/**
 * The agency view over HTTP: the API over a real store without Temporal (the views read the read model;
 * a panel's acts are refused here before any case's workflow is asked).
 */
const http = suite<{ api: ApiOverStore }>('appraisal agency view over HTTP');

http.before(async (context) => {
  context.api = await apiOverStore('appraisal-view');
  const { store } = context.api;
  for (const [caseId, finalLevel] of [
    ['APR-H1', 5],
    ['APR-H2', 4],
    ['APR-H3', 4],
    ['APR-H4', 3],
  ] as const) {
    await appendAppraisal(store, appraisalStart(caseId), { initialLevel: finalLevel, panelId: 'PRB-DOE-H', prbLevel: finalLevel, finalLevel });
  }
  await appendAppraisal(store, appraisalStart('APR-H5'), { initialLevel: 3, panelId: 'PRB-DOE-H' });
  await appendAppraisal(store, appraisalStart('APR-H6'), { initialLevel: 2 });
});
http.after(({ api }) => api.close());

const json = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() });
const post = (api: ApiOverStore, person: string, path: string, body: unknown) =>
  api.call(person, path, { 'content-type': 'application/json' }, { method: 'POST', body: JSON.stringify(body) });

http('GET /appraisal/panels and /appraisal/panels/{id}: the panel and its executives, paged', async ({ api }) => {
  const panels = await json(await api.call('ero-kim', '/appraisal/panels?agency=DOE&cycle=FY2026'));
  assert.is(panels.status, 200, JSON.stringify(panels.body));
  assert.equal(
    panels.body.items.map((p: { panelId: string; executives: number; recommended: number; finalRated: number }) => [
      p.panelId,
      p.executives,
      p.recommended,
      p.finalRated,
    ]),
    [['PRB-DOE-H', 5, 4, 4]],
  );
  const first = await json(await api.call('aa-wong', '/appraisal/panels/PRB-DOE-H?limit=3'));
  assert.is(first.status, 200);
  assert.is(first.body.careerMajority, true);
  assert.equal(
    first.body.items.map((c: { caseId: string }) => c.caseId),
    ['APR-H1', 'APR-H2', 'APR-H3'],
  );
  const rest = await json(await api.call('aa-wong', `/appraisal/panels/PRB-DOE-H?limit=3&after=${first.body.next}`));
  assert.equal(
    rest.body.items.map((c: { caseId: string; initialLevel: number; prbRecommendedLevel: number | null }) => [c.caseId, c.initialLevel, c.prbRecommendedLevel]),
    [
      ['APR-H4', 3, 3],
      ['APR-H5', 3, null],
    ],
  );
  assert.is(rest.body.next, null);
});

http('GET /appraisal/rating-cap: 3 of 6 rated at Levels 4-5 is over the 30% cap by 2; under what-if-no-rating-cap there is none', async ({ api }) => {
  const capped = await json(await api.call('hr-ana', '/appraisal/rating-cap?agency=DOE'));
  assert.is(capped.status, 200);
  const [doe] = capped.body.items;
  assert.equal([doe.executives, doe.rated, doe.levels4And5, doe.allowed, doe.overBy, doe.policyVersion], [6, 6, 3, 1, 2, 'ses-2025-10-01']);
  const whatIf = await json(await api.call('hr-ana', '/appraisal/rating-cap?agency=DOE&policyVersion=what-if-no-rating-cap'));
  assert.equal([whatIf.body.whatIfPolicyVersion, whatIf.body.items[0].cap, whatIf.body.items[0].overBy], ['what-if-no-rating-cap', null, null]);
});

http('the reports: ratings by level, overdue plans and reviews, as /reports entries', async ({ api }) => {
  const levels = await json(await api.call('ero-kim', '/reports/appraisal-ratings-by-level'));
  assert.equal(levels.body, [
    { agency: 'DOE', cycle: 'FY2026', executives: 6, finalRated: 4, level1: 0, level2: 0, level3: 1, level4: 2, level5: 1, levels4And5Share: 0.75 },
  ]);
  assert.equal((await json(await api.call('ero-kim', '/reports/appraisal-overdue-plans'))).body, []);
  // An appointing authority reads no reports, but the agency view's distribution (the same rows) before issuing final ratings.
  assert.is((await api.call('aa-wong', '/reports/appraisal-ratings-by-level')).status, 403);
  assert.equal((await json(await api.call('aa-wong', '/appraisal/distribution?cycle=FY2026'))).body, levels.body);
  assert.equal((await json(await api.call('aa-wong', '/appraisal/distribution?cycle=FY2030'))).body, []);
  assert.is((await api.call('ero-kim', '/reports/appraisal-overdue-progress-reviews')).status, 200);
});

http('refusals are problem documents: an unknown parameter, a bad cycle, a role that may not see it, an unknown panel', async ({ api }) => {
  const unknown = await json(await api.call('ero-kim', '/appraisal/rating-cap?agncy=DOE'));
  assert.is(unknown.status, 400);
  assert.match(unknown.type!, PROBLEM_CONTENT_TYPE);
  assert.is(unknown.body.rule, 'unknown-parameter');
  const badCycle = await json(await api.call('ero-kim', '/appraisal/panels?cycle=FY 2026'));
  assert.is(badCycle.status, 400);
  assert.is(badCycle.body.issues[0].field, 'query.cycle');
  const badPolicy = await json(await api.call('ero-kim', '/appraisal/rating-cap?policyVersion=no-such'));
  assert.is(badPolicy.status, 400);
  assert.is((await json(await api.call('ex-rivera', '/appraisal/panels'))).status, 403);
  const none = await json(await api.call('ero-kim', '/appraisal/panels/PRB-NONE'));
  assert.is(none.status, 404);
  assert.match(none.body.detail, /no PRB panel PRB-NONE/);
});

http("a panel's recommendations: each case answers on its own, and a case the panel does not review is refused by name", async ({ api }) => {
  const body = {
    // ero-kim does not hold the supervisor role a panel member acts in: each case's own act refuses it, as it would one by one.
    actor: { id: 'ero-kim', role: 'supervisor' },
    recommendations: [
      { caseId: 'APR-H5', recommendedLevel: 3, recommendation: 'Fully successful.' },
      { caseId: 'APR-H6', recommendedLevel: 2, recommendation: 'Minimally satisfactory.' },
    ],
  };
  const answer = await json(await post(api, 'ero-kim', '/appraisal/panels/PRB-DOE-H/recommendations', body));
  assert.is(answer.status, 200, JSON.stringify(answer.body));
  assert.equal([answer.body.recorded, answer.body.refused], [0, 2]);
  const [h5, h6] = answer.body.results;
  assert.equal([h5.caseId, h5.outcome, h5.problem.status], ['APR-H5', 'refused', 403]);
  assert.equal([h6.caseId, h6.outcome, h6.problem.error], ['APR-H6', 'refused', 'appraisal.panel.case-not-reviewed']);
  const empty = await json(await post(api, 'ero-kim', '/appraisal/panels/PRB-DOE-H/recommendations', { actor: body.actor, recommendations: [] }));
  assert.is(empty.status, 400);
  assert.is(empty.body.issues[0].field, 'recommendations');
  const level = await json(
    await post(api, 'ero-kim', '/appraisal/panels/PRB-DOE-H/recommendations', {
      ...body,
      recommendations: [{ ...body.recommendations[0], recommendedLevel: 6 }],
    }),
  );
  assert.is(level.status, 400);
  assert.is(level.body.issues[0].field, 'recommendations.0.recommendedLevel');
  // One request's cases share its update id: a case named twice would be answered as the first and never decided.
  const twice = await json(
    await post(api, 'ero-kim', '/appraisal/panels/PRB-DOE-H/recommendations', {
      ...body,
      recommendations: [body.recommendations[0], body.recommendations[1], { ...body.recommendations[0], recommendedLevel: 4 }],
    }),
  );
  assert.is(twice.status, 400, JSON.stringify(twice.body));
  assert.equal(
    twice.body.issues.map((issue: { field: string; message: string }) => [issue.field, issue.message]),
    [['recommendations.2.caseId', 'case APR-H5 is already named at 0: name each case once in a call']],
  );
  const convenedTwice = await json(
    await post(api, 'ero-kim', '/appraisal/panels/PRB-DOE-H/convening', { actor: body.actor, members: [], caseIds: ['APR-H5', 'APR-H5'] }),
  );
  assert.is(convenedTwice.status, 400);
  assert.ok(
    convenedTwice.body.issues.some((issue: { field: string }) => issue.field === 'caseIds.1'),
    JSON.stringify(convenedTwice.body),
  );
});

http.run();
