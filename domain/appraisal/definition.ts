import { appraisalNotices, APPRAISAL_SILENT_EVENT_TYPES } from '../notifications/appraisalNotices';
import { CASE_READERS } from '../permissions';
import type { FollowOnCase, ProcessDefinition } from '../processDefinition';
import type { ReassignmentStart } from '../reassignment/commands';
import { appraisalActionRules } from './actionRules';
import { appraisalAhead } from './ahead';
import { AppraisalActionSchema, AppraisalStartSchema, type AppraisalAction, type AppraisalCommand, type AppraisalStart } from './commands';
import { decideAppraisal } from './decide';
import { appraisalEventVersion, parseAppraisalEvent, type AppraisalEvent } from './events';
import { evolveAppraisal } from './evolve';
import { pendingAppraisalDecisions } from './pendingDecisions';
import { appraisalRecordedInputs } from './recordedInputs';
import { initialAppraisalState, isAppraisalTerminal, type AppraisalState } from './state';
import { appraisalTimerCommand, appraisalTimerId, nextAppraisalTimer, type AppraisalTimer } from './timers';

/** The annual SES performance appraisal with its Performance Review Board (SES-RULES §5): one case per executive per period. */
export const appraisalDefinition: ProcessDefinition<AppraisalState, AppraisalCommand, AppraisalEvent, AppraisalStart, AppraisalAction, AppraisalTimer> = {
  name: 'appraisal',
  workflowType: 'annualAppraisal',
  title: 'Annual SES performance appraisal',
  startSchema: AppraisalStartSchema,
  caseIdOf: (start) => start.caseId,
  starterOf: (start) => ({ id: start.startedBy, role: 'hr-specialist' }),
  starterField: 'startedBy',
  startCommand: (start, at, actor, policyVersion) => ({ type: 'StartAppraisal', at, actor, start, ...(policyVersion === undefined ? {} : { policyVersion }) }),
  actionSchema: AppraisalActionSchema,
  actionCommand: (action, at, actor) => ({ ...action, at, actor }),
  initialState: initialAppraisalState,
  decide: decideAppraisal,
  evolve: evolveAppraisal,
  parseEvent: parseAppraisalEvent,
  eventVersion: appraisalEventVersion,
  policyVersionOf: (state) => state.policyVersion,
  isTerminal: isAppraisalTerminal,
  timers: { next: nextAppraisalTimer, command: appraisalTimerCommand, id: appraisalTimerId },
  pendingDecisions: pendingAppraisalDecisions,
  recordedInputs: appraisalRecordedInputs,
  notices: { noticesFor: appraisalNotices, silentEventTypes: APPRAISAL_SILENT_EVENT_TYPES },
  agencyOf: (state) => state.agency,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  actionRules: appraisalActionRules,
  ahead: appraisalAhead,
  followOnActions: ['DecideAfterUnsatisfactoryRating'],
  followOnCases: (state) => followOnReassignment(state),
};

/**
 * A decision to reassign after an unsatisfactory final rating starts a directed reassignment case that says it
 * follows the rating: an exception to the 120-day moratorium (5 U.S.C. 3395(e)(2)).
 */
export const followOnReassignment = (state: AppraisalState): FollowOnCase[] => {
  const reassignment = state.consequences.decision?.reassignment;
  if (state.status !== 'COMPLETED' || !reassignment) return [];
  const start: ReassignmentStart = {
    caseId: reassignment.caseId,
    executiveId: state.executiveId!,
    agency: state.agency!,
    kind: 'directed',
    toPositionId: reassignment.toPositionId,
    withinCommutingArea: reassignment.withinCommutingArea,
    appointingAuthorityId: state.appointingAuthorityId!,
    followsUnsatisfactoryRating: { appraisalCaseId: state.caseId!, finalRatingIssuedOn: state.finalRating!.issuedOn },
    startedBy: state.start!.startedBy,
  };
  return [{ process: 'reassignment', start, cause: 'unsatisfactory-rating' }];
};
