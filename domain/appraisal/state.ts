import type {
  AppointmentType,
  AppraisalStart,
  FollowOnReassignment,
  PlanElement,
  PrbMember,
  PriorFinalRating,
  RatingLevel,
  UnsatisfactoryDecision,
} from './commands';
import type { MandatoryRemovalBasis } from './events';

/**
 * SES-RULES §5: PLAN_DRAFT → IN_PERIOD (plan communicated) → RATING_DUE (period ended, extended first when
 * under 90 days) → INITIAL_RATING_ISSUED (the executive's response window) → HIGHER_LEVEL_REVIEW (when asked)
 * → AWAITING_PRB → PRB_REVIEW → PRB_RECOMMENDED → final rating: COMPLETED, or after an unsatisfactory one
 * DECISION_REQUIRED (reassign / transfer / remove) or, when removal is mandatory or chosen,
 * REMOVAL_NOTICE_DUE → REMOVAL_NOTICED → REMOVED.
 */
export type AppraisalStatus =
  | 'NOT_STARTED'
  | 'PLAN_DRAFT'
  /** The appraisal began with no plan recorded: only a plan communicated on or before that day is accepted; else HR cancels and appraises from a later day. */
  | 'PLAN_OVERDUE'
  | 'IN_PERIOD'
  | 'RATING_DUE'
  | 'INITIAL_RATING_ISSUED'
  | 'HIGHER_LEVEL_REVIEW'
  | 'AWAITING_PRB'
  | 'PRB_REVIEW'
  | 'PRB_RECOMMENDED'
  | 'DECISION_REQUIRED'
  | 'REMOVAL_NOTICE_DUE'
  | 'REMOVAL_NOTICED'
  | 'COMPLETED'
  | 'REMOVED'
  | 'CANCELLED';

export interface AppraisalPeriod {
  /** The agency's cycle, e.g. "FY2026". */
  cycle: string;
  start: string;
  /** Last day of the period now (later than originalEnd once extended). */
  end: string;
  originalEnd: string;
  /** First day under the plan: the period's start or the executive's later entry. */
  appraisedFrom: string;
  /** Set when the 90-day minimum extended the period. */
  extended: { previousEnd: string; daysUnderPlan: number; minimumPeriodDays: number } | null;
}

/** An appraisal case as folded from its events: the workflow's `status` query, the auditor's replay and the agency-wide view. JSON only. */
export interface AppraisalState {
  status: AppraisalStatus;
  caseId: string | null;
  policyVersion: string | null;
  start: AppraisalStart | null;
  startedAt: string | null;
  agency: string | null;
  executiveId: string | null;
  appointmentType: AppointmentType | null;
  period: AppraisalPeriod | null;
  supervisorId: string | null;
  appointingAuthorityId: string | null;
  /** Whom the executive supervises (never on the executive's PRB). */
  supervisorOf: string[];
  priorFinalRatings: PriorFinalRating[];
  /** A new administration's first day and the last day of its 120-day freeze on rating career appointees. */
  administration: { beganOn: string; freezeUntil: string } | null;
  plan: { supervisorId: string; elements: PlanElement[]; communicatedOn: string; at: string } | null;
  planReminders: { dueOn: string; overdue: boolean; at: string }[];
  progressReviews: { supervisorId: string; heldOn: string; summary: string; at: string }[];
  progressReviewReminders: { dueOn: string; at: string }[];
  /** Days under the plan when the period ended. */
  daysUnderPlan: number | null;
  initialRating: { supervisorId: string; level: RatingLevel; narrative: string; issuedOn: string; responseDueOn: string; at: string } | null;
  response: { executiveId: string; text: string; at: string } | null;
  /** requested on the executive's response; the reviewer's recommendation never changes the rating. */
  higherLevelReview: {
    requested: boolean;
    requestedAt: string;
    recommendation: { reviewerId: string; level: RatingLevel; text: string; at: string } | null;
  } | null;
  prb: {
    panelId: string;
    members: PrbMember[];
    convenedBy: string;
    convenedAt: string;
    recommendation: { writtenBy: string; level: RatingLevel; text: string; at: string } | null;
  } | null;
  finalRating: { level: RatingLevel; appointingAuthorityId: string; reasons: string; issuedOn: string; at: string } | null;
  consequences: {
    /** An unsatisfactory final rating: reassign, transfer or remove (4314(b)(3)). */
    decisionRequired: { options: UnsatisfactoryDecision[]; at: string } | null;
    decision: { decision: UnsatisfactoryDecision; decidedBy: string; reason: string; reassignment?: FollowOnReassignment; at: string } | null;
    mandatoryRemoval: { basis: MandatoryRemovalBasis; countedRatings: PriorFinalRating[]; at: string } | null;
    removalNotice: {
      issuedBy: string;
      noticeDate: string;
      effectiveDate: string;
      basis: string;
      mandatory: boolean;
      hearingRequestBy: string;
      at: string;
    } | null;
    hearingRequestedOn: string | null;
    removedOn: string | null;
  };
  cancelled: { by: string; reason: string; at: string } | null;
}

export const initialAppraisalState: AppraisalState = {
  status: 'NOT_STARTED',
  caseId: null,
  policyVersion: null,
  start: null,
  startedAt: null,
  agency: null,
  executiveId: null,
  appointmentType: null,
  period: null,
  supervisorId: null,
  appointingAuthorityId: null,
  supervisorOf: [],
  priorFinalRatings: [],
  administration: null,
  plan: null,
  planReminders: [],
  progressReviews: [],
  progressReviewReminders: [],
  daysUnderPlan: null,
  initialRating: null,
  response: null,
  higherLevelReview: null,
  prb: null,
  finalRating: null,
  consequences: { decisionRequired: null, decision: null, mandatoryRemoval: null, removalNotice: null, hearingRequestedOn: null, removedOn: null },
  cancelled: null,
};

export const isAppraisalTerminal = (state: AppraisalState): boolean =>
  state.status === 'COMPLETED' || state.status === 'REMOVED' || state.status === 'CANCELLED';
