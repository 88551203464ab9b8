import type { FollowsUnsatisfactoryRating, ReassignmentKind, ReassignmentStart, ReassignmentTrigger } from './commands';
import type { MoratoriumException } from './events';

export type ReassignmentStatus =
  | 'NOT_STARTED'
  /** Awaiting the consultation (outside the commuting area) or the notice. */
  | 'PROPOSED'
  /** Outside the commuting area: consulted, awaiting the written notice. */
  | 'CONSULTED'
  /** Noticed: waiting for the effective date. */
  | 'NOTICE_ISSUED'
  /** The effective date falls within a moratorium: awaiting a new date from HR. */
  | 'BLOCKED_MORATORIUM'
  | 'EFFECTIVE'
  | 'DECLINED'
  | 'WITHDRAWN';

/** One 120-day clock of this executive. */
export interface LeadershipClock {
  trigger: ReassignmentTrigger;
  effectiveDate: string;
  at: string;
}

/** A reassignment case as folded from its events: the workflow's `status` query and the auditor's replay. JSON only. */
export interface ReassignmentState {
  status: ReassignmentStatus;
  caseId: string | null;
  policyVersion: string | null;
  start: ReassignmentStart | null;
  startedAt: string | null;
  executiveId: string | null;
  agency: string | null;
  kind: ReassignmentKind | null;
  withinCommutingArea: boolean | null;
  appointingAuthorityId: string | null;
  followsUnsatisfactoryRating: FollowsUnsatisfactoryRating | null;
  disciplinaryActionBegunOn: string | null;
  /** 15 within the commuting area, 60 outside (from the pinned policy). */
  requiredNoticeDays: number | null;
  consultation: { consultedBy: string; consultedOn: string; reasons: string; executivePreferences: string; at: string } | null;
  defectiveConsultations: { foundBy: string; reason: string; voidedNoticeDate?: string; at: string }[];
  waiver: { consentedOn: string; statement: string; at: string } | null;
  notice: {
    issuedBy: string;
    noticeDate: string;
    effectiveDate: string;
    reasons?: string;
    noticeDays: number;
    waivedByConsent: boolean;
    exceptions: MoratoriumException[];
    at: string;
  } | null;
  /** The effective date now (the notice's, or a rescheduled one). */
  effectiveDate: string | null;
  clocks: LeadershipClock[];
  details: { from: string; to: string; days: number }[];
  block: { effectiveDate: string; blockedUntil: string; earliestEffectiveDate: string; at: string } | null;
  outcome:
    | { status: 'EFFECTIVE'; at: string; effectiveDate: string; toPositionId: string }
    | { status: 'DECLINED'; at: string; reason: string; consequence: 'conduct-action' }
    | { status: 'WITHDRAWN'; at: string; withdrawnBy: string; reason: string }
    | null;
}

export const initialReassignmentState: ReassignmentState = {
  status: 'NOT_STARTED',
  caseId: null,
  policyVersion: null,
  start: null,
  startedAt: null,
  executiveId: null,
  agency: null,
  kind: null,
  withinCommutingArea: null,
  appointingAuthorityId: null,
  followsUnsatisfactoryRating: null,
  disciplinaryActionBegunOn: null,
  requiredNoticeDays: null,
  consultation: null,
  defectiveConsultations: [],
  waiver: null,
  notice: null,
  effectiveDate: null,
  clocks: [],
  details: [],
  block: null,
  outcome: null,
};

export const isReassignmentTerminal = (state: ReassignmentState): boolean =>
  state.status === 'EFFECTIVE' || state.status === 'DECLINED' || state.status === 'WITHDRAWN';
