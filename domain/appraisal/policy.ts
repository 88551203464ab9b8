/**
 * SES-RULES §5: the annual appraisal's rule parameters as dated policy (domain/policyVersions.ts carries one per
 * version). A case pins the version in force on its period's start date, not on the day HR opens the case: the plan's
 * critical elements are set "on or before the start of the rating period" (4312(b)(1)), so the rules a period is
 * planned, rated and capped under are those in force when it began. FY2026 (from 2025-10-01) gets the 2025 elements
 * and the Level 4-5 cap; a FY2025 period appraised late keeps the ECQ-based elements it was planned under.
 */
export interface CriticalElementRule {
  /** The element's id in a plan, e.g. "faithful-administration". */
  id: string;
  title: string;
  /** The least weight, in whole percent, a plan may give it. */
  minWeight: number;
}

export interface AppraisalPolicy {
  /** Every plan carries exactly these elements, weights summing to 100. */
  criticalElements: readonly CriticalElementRule[];
  /** The least time under a plan before a rating; a period ending sooner is extended (430.304(c)(1), 430.308(e)). */
  minimumPeriodDays: number;
  /** No rating of a career appointee within this many days after a new administration begins (4314(b)(1)(C)). */
  transitionFreezeDays: number;
  /** A PRB panel has at least this many members (4314(c)(1)). */
  prbMinMembers: number;
  /** More than half the panel career members when it reviews a career appointee (4314(c)(1)). */
  prbCareerMajority: boolean;
  /** At most this share of an agency's final ratings at Levels 4-5 (OPM memo 2025-02-25), for agencies with at least minExecutives; null: no cap. */
  highRatingCap: { share: number; levels: readonly number[]; minExecutives: number } | null;
  /** Written notice of removal at least this many calendar days before it takes effect (3592(a)(2); 359.502). */
  removalNoticeDays: number;
  /** The executive may ask for an informal MSPB hearing no later than this many days before the effective date (359.502). */
  hearingRequestDaysBeforeEffective: number;
  /** Days after the initial rating for the executive's written response and higher-level review request: [U], agency-defined; the project's default. */
  responseWindowDays: number;
  /** The supervisor is reminded this many days before the appraisal begins while no plan is communicated (project default). */
  planReminderDaysBefore: number;
  /** The supervisor is reminded when no progress review is held by this share of the period (project default: the midpoint). */
  progressReviewDueShare: number;
}

const common = {
  minimumPeriodDays: 90,
  transitionFreezeDays: 120,
  prbMinMembers: 3,
  prbCareerMajority: true,
  removalNoticeDays: 30,
  hearingRequestDaysBeforeEffective: 15,
  responseWindowDays: 10,
  planReminderDaysBefore: 14,
  progressReviewDueShare: 0.5,
} as const;

/** The ECQ-based elements of OPM's basic SES appraisal system (2012), Results Driven at least 20 %, every element at least 5 % [S]. */
export const appraisalBefore2025: AppraisalPolicy = {
  ...common,
  criticalElements: [
    { id: 'leading-change', title: 'Leading Change', minWeight: 5 },
    { id: 'leading-people', title: 'Leading People', minWeight: 5 },
    { id: 'results-driven', title: 'Results Driven', minWeight: 20 },
    { id: 'business-acumen', title: 'Business Acumen', minWeight: 5 },
    { id: 'building-coalitions', title: 'Building Coalitions', minWeight: 5 },
  ],
  highRatingCap: null,
};

/** OPM memo 2025-02-25, from the FY2026 cycle: the five 2025 elements, the first at least 25 %, and at most 30 % of ratings at Levels 4-5. */
export const appraisalFrom2025: AppraisalPolicy = {
  ...common,
  criticalElements: [
    { id: 'faithful-administration', title: "Faithful Administration of the Law and the President's Policies", minWeight: 25 },
    { id: 'government-efficiency', title: 'Government Efficiency', minWeight: 0 },
    { id: 'merit-and-competence', title: 'Merit and Competence', minWeight: 0 },
    { id: 'holding-others-accountable', title: 'Holding Others Accountable', minWeight: 0 },
    { id: 'achieving-organizational-goals', title: 'Achieving Organizational Goals', minWeight: 0 },
  ],
  highRatingCap: { share: 0.3, levels: [4, 5], minExecutives: 5 },
};
