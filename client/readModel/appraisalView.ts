import { z } from 'zod';
import { AgencyCodeSchema } from '../../domain/agencies';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import type { AppraisalPolicy } from '../../domain/appraisal/policy';
import { daysBetween } from '../../domain/calendar';

/**
 * The agency-wide view of the annual appraisal (SES-RULES §5): PRB panels and the executives they
 * review, the share of Level 4-5 ratings against the dated cap before final ratings are issued, the
 * distribution of final ratings, and the plans and progress reviews that are late. Computed from the
 * read model's folded appraisal cases (./appraisalSummary.ts), never from a second copy of the rules:
 * the cap is the policy's own value, each case's levels are its decider's.
 */

/** One executive's appraisal case, as the agency view reads it. */
export interface AppraisalCaseSummary {
  stream: string;
  caseId: string;
  agency: string;
  /** The appraisal cycle, e.g. "FY2026". */
  cycle: string;
  executiveId: string;
  /** A career appointee: the PRB reviewing them needs a career majority. */
  career: boolean;
  status: string;
  periodStart: string;
  periodEnd: string;
  /** The day the plan was due by (communicated on or before the appraisal begins), and whether the case's own timer found it missing then. */
  planDueOn: string;
  planOverdue: boolean;
  /** The day a progress review was due by, once the case's timer found none held; null while none is overdue. */
  progressReviewOverdueSince: string | null;
  initialLevel: number | null;
  higherLevelReview: 'not-requested' | 'requested' | 'done';
  panelId: string | null;
  /** The panel's members as this case's convening named them, and when. */
  prbMembers: PanelMember[];
  prbConvenedAt: string | null;
  prbRecommendedLevel: number | null;
  finalLevel: number | null;
  policyVersion: string | null;
}

/** The cap a policy puts on Levels 4-5 (the appraisal policy's own value; null there: no cap, as before FY2026). */
export type RatingCap = NonNullable<AppraisalPolicy['highRatingCap']>;

export const AppraisalScopeSchema = z.strictObject({
  agency: AgencyCodeSchema.optional().describe('one agency, e.g. DOE; absent: every agency'),
  cycle: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, 'must be a cycle name such as FY2026')
    .optional()
    .describe('one appraisal cycle, e.g. FY2026; absent: every cycle'),
});
export type AppraisalScope = z.infer<typeof AppraisalScopeSchema>;

const inScope = (scope: AppraisalScope) => (c: AppraisalCaseSummary) =>
  (scope.agency === undefined || c.agency === scope.agency) && (scope.cycle === undefined || c.cycle === scope.cycle);

const byAgencyAndCycle = <T extends { agency: string; cycle: string }>(a: T, b: T): number =>
  a.agency.localeCompare(b.agency) || a.cycle.localeCompare(b.cycle);

const groups = (cases: readonly AppraisalCaseSummary[]): { agency: string; cycle: string; cases: AppraisalCaseSummary[] }[] => {
  const grouped = new Map<string, { agency: string; cycle: string; cases: AppraisalCaseSummary[] }>();
  for (const c of cases) {
    const key = `${c.agency} ${c.cycle}`;
    if (!grouped.has(key)) grouped.set(key, { agency: c.agency, cycle: c.cycle, cases: [] });
    grouped.get(key)!.cases.push(c);
  }
  return [...grouped.values()].sort(byAgencyAndCycle);
};

// --- PRB panels ---------------------------------------------------------------------------------

export interface PanelMember {
  id: string;
  career: boolean;
}

/** A PRB panel as its cases name it: one panel reviews many executives of one agency and cycle. */
export interface PrbPanel {
  panelId: string;
  agency: string;
  cycle: string;
  members: PanelMember[];
  /** More than half career: required when it reviews a career appointee (5 U.S.C. 4314(c)). */
  careerMajority: boolean;
  executives: number;
  /** Cases with the panel's recommendation recorded, and those with a final rating. */
  recommended: number;
  finalRated: number;
}

export interface PanelExecutive {
  stream: string;
  caseId: string;
  executiveId: string;
  career: boolean;
  status: string;
  initialLevel: number | null;
  higherLevelReview: AppraisalCaseSummary['higherLevelReview'];
  prbRecommendedLevel: number | null;
  finalLevel: number | null;
}

export const panelExecutiveOf = (c: AppraisalCaseSummary): PanelExecutive => ({
  stream: c.stream,
  caseId: c.caseId,
  executiveId: c.executiveId,
  career: c.career,
  status: c.status,
  initialLevel: c.initialLevel,
  higherLevelReview: c.higherLevelReview,
  prbRecommendedLevel: c.prbRecommendedLevel,
  finalLevel: c.finalLevel,
});

/** Every panel the cases in scope name, by id; its members as the case convened last lists them. */
export const prbPanels = (cases: readonly AppraisalCaseSummary[], scope: AppraisalScope = {}): PrbPanel[] => {
  const panels = new Map<string, AppraisalCaseSummary[]>();
  for (const c of cases.filter(inScope(scope))) {
    if (c.panelId === null) continue;
    if (!panels.has(c.panelId)) panels.set(c.panelId, []);
    panels.get(c.panelId)!.push(c);
  }
  return (
    [...panels.entries()]
      .map(([panelId, reviewed]) => {
        const latest = reviewed.reduce((a, b) => ((b.prbConvenedAt ?? '') > (a.prbConvenedAt ?? '') ? b : a));
        const members = latest.prbMembers;
        return {
          panelId,
          agency: reviewed[0]!.agency,
          cycle: reviewed[0]!.cycle,
          members,
          careerMajority: members.filter((m) => m.career).length * 2 > members.length,
          executives: reviewed.length,
          recommended: reviewed.filter((c) => c.prbRecommendedLevel !== null).length,
          finalRated: reviewed.filter((c) => c.finalLevel !== null).length,
        };
      })
      // Code-unit order, the order of the list's cursor.
      .sort((a, b) => (a.panelId < b.panelId ? -1 : a.panelId > b.panelId ? 1 : 0))
  );
};

// --- The Level 4-5 cap ----------------------------------------------------------------------------

export interface RatingCapShare {
  agency: string;
  cycle: string;
  policyVersion: string | null;
  /** The cap the policy sets; null: none applies (no cap in the policy). */
  cap: RatingCap | null;
  /** Whether the agency is held to the cap: a cap, and at least its minimum of executives in the cycle. */
  capApplies: boolean;
  executives: number;
  /** Cases with a level: final, else the PRB's recommendation, else the initial rating. */
  rated: number;
  finalRated: number;
  /** Rated at Level 4 or 5, and of those how many are final. */
  levels4And5: number;
  levels4And5Final: number;
  /** levels4And5 / rated (null before any rating). */
  share: number | null;
  /** The most Level 4-5 ratings the cap allows among the rated (null without a cap that applies). */
  allowed: number | null;
  /** How many Level 4-5 ratings beyond the cap (0 within it; null without a cap that applies). */
  overBy: number | null;
}

/** The level a case counts with before final ratings are issued: the final one, else the PRB's, else the initial rating. */
export const countedLevel = (c: AppraisalCaseSummary): number | null => c.finalLevel ?? c.prbRecommendedLevel ?? c.initialLevel;

/**
 * Per agency and cycle, the share of Level 4-5 ratings, counting the PRB-recommended or initial levels
 * of the cases not yet final with the final ones, against the cap of the cycle's policy (`policyOf`:
 * the policy the cycle's cases pinned, or a what-if version put in its place).
 */
export const ratingCapShares = (
  cases: readonly AppraisalCaseSummary[],
  policyOf: (cycleCases: readonly AppraisalCaseSummary[]) => { id: string | null; cap: RatingCap | null },
  scope: AppraisalScope = {},
): RatingCapShare[] =>
  groups(cases.filter(inScope(scope))).map(({ agency, cycle, cases: cycleCases }) => {
    const { id, cap } = policyOf(cycleCases);
    const rated = cycleCases.filter((c) => countedLevel(c) !== null);
    const capped: readonly number[] = cap?.levels ?? [4, 5];
    const high = rated.filter((c) => capped.includes(countedLevel(c)!));
    const capApplies = cap !== null && cycleCases.length >= cap.minExecutives;
    // Whole executives: 30 % of 7 rated allows 2, never 2.1.
    const allowed = capApplies ? Math.floor(cap.share * rated.length + 1e-9) : null;
    return {
      agency,
      cycle,
      policyVersion: id,
      cap,
      capApplies,
      executives: cycleCases.length,
      rated: rated.length,
      finalRated: cycleCases.filter((c) => c.finalLevel !== null).length,
      levels4And5: high.length,
      levels4And5Final: high.filter((c) => c.finalLevel !== null).length,
      share: rated.length === 0 ? null : high.length / rated.length,
      allowed,
      overBy: allowed === null ? null : Math.max(0, high.length - allowed),
    };
  });

// --- Reports --------------------------------------------------------------------------------------

export interface RatingsByLevel {
  agency: string;
  cycle: string;
  executives: number;
  finalRated: number;
  level1: number;
  level2: number;
  level3: number;
  level4: number;
  level5: number;
  /** Final ratings at Levels 4-5 over final ratings (null before the first). */
  levels4And5Share: number | null;
}

/** The distribution of final ratings by level, per agency and cycle. */
export const ratingsByLevel = (cases: readonly AppraisalCaseSummary[], scope: AppraisalScope = {}): RatingsByLevel[] =>
  groups(cases.filter(inScope(scope))).map(({ agency, cycle, cases: cycleCases }) => {
    const finals = cycleCases.flatMap((c) => (c.finalLevel === null ? [] : [c.finalLevel]));
    const at = (level: number) => finals.filter((l) => l === level).length;
    return {
      agency,
      cycle,
      executives: cycleCases.length,
      finalRated: finals.length,
      level1: at(1),
      level2: at(2),
      level3: at(3),
      level4: at(4),
      level5: at(5),
      levels4And5Share: finals.length === 0 ? null : (at(4) + at(5)) / finals.length,
    };
  });

/** A plan or a progress review late in one appraisal: the day it was due by, and days since. */
export interface OverdueStep {
  stream: string;
  caseId: string;
  agency: string;
  cycle: string;
  executiveId: string;
  status: string;
  dueOn: string;
  daysOverdue: number;
}

/**
 * Plans not communicated by the day the appraisal began (5 U.S.C. 4312(b)(1): on or before it), as the case's
 * own timer found; days counted to the agency's date of `asOf`, longest overdue first.
 */
export const overduePlans = (cases: readonly AppraisalCaseSummary[], asOf: string): OverdueStep[] =>
  cases
    .filter((c) => c.planOverdue)
    .map((c) => ({
      stream: c.stream,
      caseId: c.caseId,
      agency: c.agency,
      cycle: c.cycle,
      executiveId: c.executiveId,
      status: c.status,
      dueOn: c.planDueOn,
      daysOverdue: Math.max(0, daysBetween(c.planDueOn, agencyDateOf(asOf, c.agency))),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.stream.localeCompare(b.stream));

/** Cases whose timer found no progress review held by the day one was due (at least one per period), not yet rated; longest overdue first. */
export const overdueProgressReviews = (cases: readonly AppraisalCaseSummary[], asOf: string): OverdueStep[] =>
  cases
    .filter((c) => c.progressReviewOverdueSince !== null)
    .map((c) => ({
      stream: c.stream,
      caseId: c.caseId,
      agency: c.agency,
      cycle: c.cycle,
      executiveId: c.executiveId,
      status: c.status,
      dueOn: c.progressReviewOverdueSince!,
      daysOverdue: Math.max(0, daysBetween(c.progressReviewOverdueSince!, agencyDateOf(asOf, c.agency))),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.stream.localeCompare(b.stream));
