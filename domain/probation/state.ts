import type { MoratoriumExceptionGround, NonpayKind, PriorTenure, ProbationStart, RemovalGround } from './commands';
import type { PlacementRight } from './events';

export type ProbationStatus =
  | 'NOT_STARTED'
  | 'ON_PROBATION'
  /** Certified before the end date; completes when the end date has passed (a removal may still be proposed until then). */
  | 'CERTIFIED'
  /** The end date passed without a certification: flagged, never silently completed. */
  | 'CERTIFICATION_OVERDUE'
  | 'REMOVAL_PROPOSED'
  | 'COMPLETED'
  | 'REMOVED';

/** A probation case as folded from its events: the workflow's `status` query and the auditor's replay. JSON only. */
export interface ProbationState {
  status: ProbationStatus;
  caseId: string | null;
  policyVersion: string | null;
  start: ProbationStart | null;
  startedAt: string | null;
  executiveId: string | null;
  criterion: 'A' | 'B' | 'C' | null;
  priorTenure: PriorTenure | null;
  /** The employing agency now (changes on a transfer; the clock does not): its time zone counts the case's days. */
  agency: string | null;
  supervisorId: string | null;
  appointingAuthorityId: string | null;
  appointmentEffectiveDate: string | null;
  lengthYears: number | null;
  /** Last day of the period: appointment + length - 1 day, plus nonpay days beyond the counted ones. */
  endDate: string | null;
  nonpayPeriods: { from: string; to: string; days: number; kind: NonpayKind }[];
  /** Nonpay days of every kind. */
  nonpayDays: number;
  /** Other nonpay days (not military duty or compensable injury): only these extend the period. */
  otherNonpayDays: number;
  transfers: { fromAgency: string; toAgency: string; effectiveDate: string }[];
  /** Removal moratoria (5 CFR 359.406), per agency. */
  moratoria: { trigger: 'new-agency-head' | 'new-noncareer-supervisor'; agency: string; effectiveDate: string; until: string }[];
  remindersSent: { daysBeforeEnd: number; endDate: string; at: string }[];
  assessments: {
    supervisorId: string;
    conclusion: 'meets-level-of-excellence' | 'does-not-meet';
    summary: string;
    developmentActivitiesAddressed: string[];
    at: string;
  }[];
  certification: { appointingAuthorityId: string; statement: string; at: string; late: boolean } | null;
  rescindedCertifications: { appointingAuthorityId: string; certifiedAt: string; rescindedBy: string; reason: string; at: string }[];
  overdueSince: string | null;
  removal: {
    proposedBy: string;
    ground: RemovalGround;
    noticeDate: string;
    effectiveDate: string;
    reasons: string;
    replyBy?: string;
    placementRight: PlacementRight;
    proposedAt: string;
    /** The moratorium exception the notice invokes, and the decision on it once taken. */
    moratoriumException?: { ground: MoratoriumExceptionGround; reasons: string; contestBy: string };
    exceptionDecision?: { decidedBy: string; upheld: boolean; reasons: string; at: string };
  } | null;
  withdrawnRemovals: { ground: RemovalGround; effectiveDate: string; withdrawnBy: string; reason: string; at: string }[];
  outcome:
    | { status: 'COMPLETED'; at: string; endDate: string; late: boolean }
    | { status: 'REMOVED'; at: string; effectiveDate: string; ground: RemovalGround; placementRight: PlacementRight }
    | null;
}

export const initialProbationState: ProbationState = {
  status: 'NOT_STARTED',
  caseId: null,
  policyVersion: null,
  start: null,
  startedAt: null,
  executiveId: null,
  criterion: null,
  priorTenure: null,
  agency: null,
  supervisorId: null,
  appointingAuthorityId: null,
  appointmentEffectiveDate: null,
  lengthYears: null,
  endDate: null,
  nonpayPeriods: [],
  nonpayDays: 0,
  otherNonpayDays: 0,
  transfers: [],
  moratoria: [],
  remindersSent: [],
  assessments: [],
  certification: null,
  rescindedCertifications: [],
  overdueSince: null,
  removal: null,
  withdrawnRemovals: [],
  outcome: null,
};

export const isProbationTerminal = (state: ProbationState): boolean => state.status === 'COMPLETED' || state.status === 'REMOVED';

export const probationStreamName = (caseId: string): string => `probation-${caseId}`;
