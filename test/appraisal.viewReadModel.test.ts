import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appraisalSummaries, ratingCapPolicy } from '../client/readModel/appraisalSummary';
import { overduePlans, overdueProgressReviews, prbPanels, ratingCapShares, ratingsByLevel } from '../client/readModel/appraisalView';
import { ReadModel } from '../client/readModel/readModel';
import { appraisalDefinition } from '../domain/appraisal';
import { whatIf } from '../domain/whatIf';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { PANEL_MEMBERS, appendAppraisal, appraisalStart } from './support/appraisalViewCases';

/** The agency view over a real SQLite store and read model, the cases driven through the appraisal's own decider and timers. */
const view = suite<{ dir: string; store: SqliteEventStore; model: ReadModel }>('appraisal agency view: read model');

view.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'ses-appraisal-view-'));
  context.store = SqliteEventStore.open(join(context.dir, 'events.db'));
  const { store } = context;
  await appendAppraisal(store, appraisalStart('APR-1'), { initialLevel: 5, panelId: 'PRB-DOE-1', prbLevel: 5, finalLevel: 5 });
  await appendAppraisal(store, appraisalStart('APR-2'), { initialLevel: 4, panelId: 'PRB-DOE-1', prbLevel: 3, finalLevel: 4 });
  await appendAppraisal(store, appraisalStart('APR-3'), { initialLevel: 3, panelId: 'PRB-DOE-1', prbLevel: 3, finalLevel: 3 });
  await appendAppraisal(store, appraisalStart('APR-4'), { initialLevel: 3, panelId: 'PRB-DOE-1', prbLevel: 4 });
  await appendAppraisal(store, appraisalStart('APR-5'), { initialLevel: 5 });
  await appendAppraisal(store, appraisalStart('APR-6'), { initialLevel: 3 });
  // No progress review by the period's midpoint: the case's reminder has fired by May.
  await appendAppraisal(store, appraisalStart('APR-7'), { progressReview: false }, '2026-05-01T12:00:00Z');
  // Bonneville: no plan when the appraisal began on 2025-10-01; the overdue reminder fired the next day.
  await appendAppraisal(store, appraisalStart('APR-BPA-1', { agency: 'BPA' }), { plan: false }, '2025-10-05T12:00:00Z');
  context.model = ReadModel.open(join(context.dir, 'read-model.db'));
  await context.model.catchUp(store);
});

view.after(async ({ dir, store, model }) => {
  await model.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

view('the panel, its members and counts come from the cases it reviews', ({ model }) => {
  const panels = prbPanels(appraisalSummaries(model));
  assert.equal(panels, [
    {
      panelId: 'PRB-DOE-1',
      agency: 'DOE',
      cycle: 'FY2026',
      members: PANEL_MEMBERS.map(({ id, career }) => ({ id, career })),
      careerMajority: true,
      executives: 4,
      recommended: 4,
      finalRated: 3,
    },
  ]);
});

view("before final ratings: the PRB's level and the initial ones count with the finals; DOE is over the FY2026 cap, not under the what-if", ({ model }) => {
  const cases = appraisalSummaries(model);
  const doe = ratingCapShares(cases, (c) => ratingCapPolicy(c), { agency: 'DOE' })[0]!;
  assert.equal([doe.executives, doe.rated, doe.levels4And5, doe.levels4And5Final, doe.allowed, doe.overBy], [7, 6, 4, 2, 1, 3]);
  assert.is(doe.policyVersion, 'ses-2025-10-01');
  const whatIf = ratingCapShares(cases, (c) => ratingCapPolicy(c, 'what-if-no-rating-cap'), { agency: 'DOE' })[0]!;
  assert.equal([whatIf.capApplies, whatIf.overBy, whatIf.levels4And5], [false, null, 4]);
  // One Bonneville executive: fewer than the five the cap needs.
  assert.is(ratingCapShares(cases, (c) => ratingCapPolicy(c), { agency: 'BPA' })[0]!.capApplies, false);
});

view('the distribution counts final ratings only', ({ model }) => {
  const [doe] = ratingsByLevel(appraisalSummaries(model)).filter((r) => r.agency === 'DOE');
  assert.equal([doe!.finalRated, doe!.level5, doe!.level4, doe!.level3], [3, 1, 1, 1]);
});

view("overdue plans and progress reviews are the ones the cases' own timers found, counted in the agency's days", ({ model }) => {
  const cases = appraisalSummaries(model);
  assert.equal(
    overduePlans(cases, '2025-10-11T05:00:00Z').map((p) => [p.caseId, p.agency, p.status, p.daysOverdue]),
    // 05:00 UTC on the 11th is still the 10th in Portland: nine days after 2025-10-01.
    [['APR-BPA-1', 'BPA', 'PLAN_OVERDUE', 9]],
  );
  const reviews = overdueProgressReviews(cases, '2026-05-01T12:00:00Z');
  assert.equal(
    reviews.map((r) => r.caseId),
    ['APR-7'],
  );
  // Half the period (the policy's progressReviewDueShare): 182 days after 2025-10-01.
  assert.is(reviews[0]!.dueOn, '2026-04-01');
  assert.is(reviews[0]!.daysOverdue, 30);
});

view("the per-case what-if (the auditor's) takes the same version: nothing refused, only the pinned policy differs", async ({ store }) => {
  const result = whatIf(appraisalDefinition, await store.readStream('appraisal-APR-4'), 'what-if-no-rating-cap');
  assert.equal(result.refusedInputs, []);
  assert.equal(
    result.differences.map((d) => [d.path, d.recorded, d.whatIf]),
    [['policyVersion', 'ses-2025-10-01', 'what-if-no-rating-cap']],
  );
});

view.run();
