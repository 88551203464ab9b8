import type { ActionRules } from '../processDefinition';
import type { Actor } from '../roles';
import type { AppraisalAction } from './commands';
import type { AppraisalState } from './state';

const theSupervisor = (state: AppraisalState, by: Actor) => by.id === state.supervisorId;
const theAppointingAuthority = (state: AppraisalState, by: Actor) => by.id === state.appointingAuthorityId;
const theExecutive = (state: AppraisalState, by: Actor) => by.id === state.executiveId;
/** Not the executive nor the supervisor who rated (decide.ts refuses them). */
const independent = (state: AppraisalState, by: Actor) => by.id !== state.executiveId && by.id !== state.supervisorId;

const BEFORE_FINAL_RATING = [
  'PLAN_DRAFT',
  'PLAN_OVERDUE',
  'IN_PERIOD',
  'RATING_DUE',
  'INITIAL_RATING_ISSUED',
  'HIGHER_LEVEL_REVIEW',
  'AWAITING_PRB',
  'PRB_REVIEW',
  'PRB_RECOMMENDED',
] as const;

/** When each appraisal action is open and to whom, as decide.ts rules it. */
export const appraisalActionRules: ActionRules<AppraisalState, AppraisalAction> = {
  CommunicatePlan: { roles: () => ['supervisor'], statuses: ['PLAN_DRAFT', 'PLAN_OVERDUE'], when: theSupervisor },
  RecordProgressReview: { roles: () => ['supervisor'], statuses: ['IN_PERIOD', 'RATING_DUE'], when: theSupervisor },
  RecordNewAdministration: { roles: () => ['hr-specialist'], statuses: BEFORE_FINAL_RATING },
  IssueInitialRating: {
    roles: () => ['supervisor'],
    statuses: ['RATING_DUE'],
    when: (state, by) => theSupervisor(state, by) && state.progressReviews.length > 0,
  },
  RespondToInitialRating: { roles: () => ['executive'], statuses: ['INITIAL_RATING_ISSUED'], when: theExecutive },
  SubmitHigherLevelReview: { roles: () => ['supervisor'], statuses: ['HIGHER_LEVEL_REVIEW'], when: independent },
  ConvenePrb: { roles: () => ['hr-specialist'], statuses: ['AWAITING_PRB'] },
  SubmitPrbRecommendation: {
    roles: () => ['supervisor'],
    statuses: ['PRB_REVIEW'],
    when: (state, by) => state.prb?.members.some((m) => m.id === by.id) ?? false,
  },
  IssueFinalRating: { roles: () => ['appointing-authority'], statuses: ['PRB_RECOMMENDED'], when: theAppointingAuthority },
  DecideAfterUnsatisfactoryRating: { roles: () => ['appointing-authority'], statuses: ['DECISION_REQUIRED'], when: theAppointingAuthority },
  IssueRemovalNotice: { roles: () => ['appointing-authority'], statuses: ['REMOVAL_NOTICE_DUE'], when: theAppointingAuthority },
  RequestInformalHearing: {
    roles: () => ['executive'],
    statuses: ['REMOVAL_NOTICED'],
    when: (state, by) => theExecutive(state, by) && state.consequences.hearingRequestedOn === null,
  },
  CancelAppraisal: { roles: () => ['hr-specialist'], statuses: BEFORE_FINAL_RATING },
};
