import type { AppraisalState } from '../../domain/appraisal/state';
import { progressReviewDueOn } from '../../domain/appraisal/timers';
import { policyById } from '../../domain/policyVersions';
import type { ReadModel } from './readModel';
import type { AppraisalCaseSummary, RatingCap } from './appraisalView';

/** What the agency view reads of one folded appraisal case; a case not yet started or cancelled has no place in it. */
export const appraisalSummaryOf = (stream: string, state: AppraisalState): AppraisalCaseSummary | null => {
  if (state.status === 'NOT_STARTED' || state.status === 'CANCELLED' || state.period === null) return null;
  const hlr = state.higherLevelReview;
  return {
    stream,
    caseId: state.caseId!,
    agency: state.agency!,
    cycle: state.period.cycle,
    executiveId: state.executiveId!,
    career: state.appointmentType === 'career',
    status: state.status,
    periodStart: state.period.start,
    periodEnd: state.period.end,
    planDueOn: state.period.appraisedFrom,
    planOverdue: state.plan === null && (state.status === 'PLAN_OVERDUE' || state.planReminders.some((r) => r.overdue)),
    // The case's reminder fires on the day a review was due (the appraisal's own rule says which day).
    progressReviewOverdueSince:
      state.progressReviewReminders.length > 0 && state.progressReviews.length === 0 && state.initialRating === null ? progressReviewDueOn(state) : null,
    initialLevel: state.initialRating?.level ?? null,
    higherLevelReview: hlr === null || !hlr.requested ? 'not-requested' : hlr.recommendation === null ? 'requested' : 'done',
    panelId: state.prb?.panelId ?? null,
    prbMembers: state.prb?.members.map(({ id, career }) => ({ id, career })) ?? [],
    prbConvenedAt: state.prb?.convenedAt ?? null,
    prbRecommendedLevel: state.prb?.recommendation?.level ?? null,
    finalLevel: state.finalRating?.level ?? null,
    policyVersion: state.policyVersion,
  };
};

/** Every appraisal case of the read model, as the agency view reads it. */
export const appraisalSummaries = (readModel: ReadModel): AppraisalCaseSummary[] =>
  readModel.statesOf<AppraisalState>('appraisal').flatMap(({ stream, state }) => appraisalSummaryOf(stream, state) ?? []);

/** The cap of a policy version (the appraisal policy's own value; null where it sets none). */
export const ratingCapOf = (policyVersion: string): RatingCap | null => policyById(policyVersion).appraisal.highRatingCap;

/**
 * The policy a cycle's share is held to: a what-if version when one is named, else the one its cases
 * pinned (the latest of them, should a cycle's cases have started under different versions).
 */
export const ratingCapPolicy = (cycleCases: readonly AppraisalCaseSummary[], whatIf?: string): { id: string | null; cap: RatingCap | null } => {
  const pinned = [...new Set(cycleCases.flatMap((c) => (c.policyVersion === null ? [] : [c.policyVersion])))]
    .map(policyById)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    .at(-1)?.id;
  const id = whatIf ?? pinned ?? null;
  return { id, cap: id === null ? null : ratingCapOf(id) };
};
