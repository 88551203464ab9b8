import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ratingCapPolicy } from '../client/readModel/appraisalSummary';
import { overduePlans, overdueProgressReviews, prbPanels, ratingCapShares, ratingsByLevel, type AppraisalCaseSummary } from '../client/readModel/appraisalView';

/** The agency view's arithmetic on cases as the read model summarises them (the folding itself: appraisal.viewReadModel). */

let n = 0;
const summary = (over: Partial<AppraisalCaseSummary>): AppraisalCaseSummary => {
  n += 1;
  return {
    stream: `appraisal-APR-${n}`,
    caseId: `APR-${n}`,
    agency: 'DOE',
    cycle: 'FY2026',
    executiveId: `ex-${n}`,
    career: true,
    status: 'PRB_REVIEW',
    periodStart: '2025-10-01',
    periodEnd: '2026-09-30',
    planDueOn: '2025-10-01',
    planOverdue: false,
    progressReviewOverdueSince: null,
    initialLevel: null,
    higherLevelReview: 'not-requested',
    panelId: null,
    prbMembers: [],
    prbConvenedAt: null,
    prbRecommendedLevel: null,
    finalLevel: null,
    policyVersion: 'ses-2025-10-01',
    ...over,
  };
};

/** Seven DOE executives in FY2026: three final (5, 4, 3), one recommended 4 by the PRB, two with an initial rating only (5, 3), one not rated. */
const doeFy2026 = () => [
  summary({ initialLevel: 5, prbRecommendedLevel: 5, finalLevel: 5, status: 'COMPLETED' }),
  summary({ initialLevel: 4, prbRecommendedLevel: 3, finalLevel: 4, status: 'COMPLETED' }),
  summary({ initialLevel: 3, prbRecommendedLevel: 3, finalLevel: 3, status: 'COMPLETED' }),
  summary({ initialLevel: 3, prbRecommendedLevel: 4, status: 'PRB_RECOMMENDED' }),
  summary({ initialLevel: 5 }),
  summary({ initialLevel: 3 }),
  summary({ status: 'IN_PERIOD' }),
];

test('the Level 4-5 share counts finals and, before them, the PRB recommendation over the initial rating; over the cap by the excess', () => {
  const [share] = ratingCapShares(doeFy2026(), (cases) => ratingCapPolicy(cases));
  assert.equal(
    { ...share, cap: share!.cap },
    {
      agency: 'DOE',
      cycle: 'FY2026',
      policyVersion: 'ses-2025-10-01',
      cap: { share: 0.3, levels: [4, 5], minExecutives: 5 },
      capApplies: true,
      executives: 7,
      rated: 6,
      finalRated: 3,
      // 5 and 4 final, the PRB's 4 (its initial 3 does not count), the initial 5.
      levels4And5: 4,
      levels4And5Final: 2,
      share: 4 / 6,
      // 30 % of 6 rated: 1.8, so one.
      allowed: 1,
      overBy: 3,
    },
  );
});

test('what-if-no-rating-cap: the same ratings held to no cap; a cycle under a policy before FY2026 has none either', () => {
  const [whatIf] = ratingCapShares(doeFy2026(), (cases) => ratingCapPolicy(cases, 'what-if-no-rating-cap'));
  assert.is(whatIf!.policyVersion, 'what-if-no-rating-cap');
  assert.is(whatIf!.cap, null);
  assert.is(whatIf!.capApplies, false);
  assert.is(whatIf!.levels4And5, 4);
  assert.is(whatIf!.allowed, null);
  assert.is(whatIf!.overBy, null);
  const fy2025 = [1, 2, 3, 4, 5].map(() => summary({ cycle: 'FY2025', policyVersion: 'ses-2025-05-29', finalLevel: 5 }));
  const [before] = ratingCapShares(fy2025, (cases) => ratingCapPolicy(cases));
  assert.is(before!.cap, null);
  assert.is(before!.overBy, null);
});

test('an agency with fewer executives than the cap names is not held to it; within the cap says how many are allowed', () => {
  const small = [5, 5, 4, 3].map((level) => summary({ agency: 'BPA', finalLevel: level }));
  const [smallShare] = ratingCapShares(small, (cases) => ratingCapPolicy(cases));
  assert.is(smallShare!.capApplies, false);
  assert.is(smallShare!.overBy, null);
  const ten = [5, 4, 4, 3, 3, 3, 3, 3, 2, 3].map((level) => summary({ agency: 'WAPA', prbRecommendedLevel: level }));
  const [within] = ratingCapShares(ten, (cases) => ratingCapPolicy(cases));
  assert.equal([within!.allowed, within!.levels4And5, within!.overBy], [3, 3, 0]);
});

test('scope narrows by agency and cycle; groups come in agency then cycle order', () => {
  const cases = [summary({ agency: 'HHS', initialLevel: 3 }), ...doeFy2026(), summary({ cycle: 'FY2027', initialLevel: 4 })];
  assert.equal(
    ratingCapShares(cases, (c) => ratingCapPolicy(c)).map((s) => `${s.agency} ${s.cycle}`),
    ['DOE FY2026', 'DOE FY2027', 'HHS FY2026'],
  );
  assert.equal(
    ratingCapShares(cases, (c) => ratingCapPolicy(c), { agency: 'DOE', cycle: 'FY2027' }).map((s) => s.executives),
    [1],
  );
});

test('a PRB panel reviews many executives: its members as convened last, career majority, recommendations and finals so far', () => {
  const first = [
    { id: 'prb-a', career: true },
    { id: 'prb-b', career: false },
    { id: 'prb-c', career: false },
  ];
  const later = [
    { id: 'prb-a', career: true },
    { id: 'prb-b', career: false },
    { id: 'prb-d', career: true },
  ];
  const cases = [
    summary({ panelId: 'PRB-DOE-1', prbMembers: first, prbConvenedAt: '2026-10-20T14:00:00Z', prbRecommendedLevel: 4, finalLevel: 4 }),
    summary({ panelId: 'PRB-DOE-1', prbMembers: later, prbConvenedAt: '2026-10-21T14:00:00Z', prbRecommendedLevel: 3 }),
    summary({ panelId: 'PRB-DOE-1', prbMembers: later, prbConvenedAt: '2026-10-21T14:00:00Z' }),
    summary({ panelId: 'PRB-HHS-1', agency: 'HHS', prbMembers: first, prbConvenedAt: '2026-10-21T14:00:00Z' }),
    summary({}),
  ];
  assert.equal(prbPanels(cases, { agency: 'DOE' }), [
    { panelId: 'PRB-DOE-1', agency: 'DOE', cycle: 'FY2026', members: later, careerMajority: true, executives: 3, recommended: 2, finalRated: 1 },
  ]);
  assert.is(prbPanels(cases).find((p) => p.panelId === 'PRB-HHS-1')!.careerMajority, false);
});

test('the distribution counts final ratings by level per agency and cycle, with the share at Levels 4-5', () => {
  assert.equal(ratingsByLevel(doeFy2026()), [
    { agency: 'DOE', cycle: 'FY2026', executives: 7, finalRated: 3, level1: 0, level2: 0, level3: 1, level4: 1, level5: 1, levels4And5Share: 2 / 3 },
  ]);
});

test("overdue plans and progress reviews count days to the agency's own date, longest first", () => {
  const cases = [
    summary({ caseId: 'APR-LA', stream: 'appraisal-APR-LA', agency: 'BPA', planOverdue: true, status: 'PLAN_OVERDUE' }),
    summary({ caseId: 'APR-DC', stream: 'appraisal-APR-DC', planOverdue: true, status: 'PLAN_OVERDUE', planDueOn: '2025-09-20' }),
    summary({ caseId: 'APR-REV', stream: 'appraisal-APR-REV', status: 'IN_PERIOD', progressReviewOverdueSince: '2026-04-01' }),
    summary({ status: 'IN_PERIOD' }),
  ];
  // 05:00 UTC on the 11th: 01:00 on the 11th in Washington, still 22:00 on the 10th in Portland.
  const asOf = '2025-10-11T05:00:00Z';
  assert.equal(
    overduePlans(cases, asOf).map((p) => [p.caseId, p.dueOn, p.daysOverdue]),
    [
      ['APR-DC', '2025-09-20', 21],
      ['APR-LA', '2025-10-01', 9],
    ],
  );
  assert.equal(
    overdueProgressReviews(cases, '2026-04-11T12:00:00Z').map((r) => [r.caseId, r.daysOverdue]),
    [['APR-REV', 10]],
  );
});

test.run();
