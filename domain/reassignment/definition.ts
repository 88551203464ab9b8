import { reassignmentNotices, REASSIGNMENT_SILENT_EVENT_TYPES } from '../notifications/reassignmentNotices';
import { CASE_READERS } from '../permissions';
import type { ProcessDefinition } from '../processDefinition';
import { reassignmentActionRules } from './actionRules';
import { reassignmentAhead } from './ahead';
import { ReassignmentActionSchema, ReassignmentStartSchema, type ReassignmentAction, type ReassignmentCommand, type ReassignmentStart } from './commands';
import { decideReassignment } from './decide';
import { parseReassignmentEvent, reassignmentEventVersion, type ReassignmentEvent } from './events';
import { evolveReassignment } from './evolve';
import { pendingReassignmentDecisions } from './pendingDecisions';
import { reassignmentRecordedInputs } from './recordedInputs';
import { initialReassignmentState, isReassignmentTerminal, type ReassignmentState } from './state';
import { nextReassignmentTimer, reassignmentTimerCommand, reassignmentTimerId, type ReassignmentTimer } from './timers';

/** SES reassignment within the agency (SES-RULES §6) as the shell runs, drives and audits it. */
export const reassignmentDefinition: ProcessDefinition<
  ReassignmentState,
  ReassignmentCommand,
  ReassignmentEvent,
  ReassignmentStart,
  ReassignmentAction,
  ReassignmentTimer
> = {
  name: 'reassignment',
  workflowType: 'sesReassignment',
  title: 'SES reassignment',
  startSchema: ReassignmentStartSchema,
  caseIdOf: (start) => start.caseId,
  starterOf: (start) => ({ id: start.startedBy, role: 'hr-specialist' }),
  starterField: 'startedBy',
  startCommand: (start, at, actor, policyVersion) => ({
    type: 'ProposeReassignment',
    at,
    actor,
    start,
    ...(policyVersion === undefined ? {} : { policyVersion }),
  }),
  actionSchema: ReassignmentActionSchema,
  actionCommand: (action, at, actor) => ({ ...action, at, actor }),
  initialState: initialReassignmentState,
  decide: decideReassignment,
  evolve: evolveReassignment,
  parseEvent: parseReassignmentEvent,
  eventVersion: reassignmentEventVersion,
  policyVersionOf: (state) => state.policyVersion,
  isTerminal: isReassignmentTerminal,
  timers: { next: nextReassignmentTimer, command: reassignmentTimerCommand, id: reassignmentTimerId },
  pendingDecisions: pendingReassignmentDecisions,
  recordedInputs: reassignmentRecordedInputs,
  notices: { noticesFor: reassignmentNotices, silentEventTypes: REASSIGNMENT_SILENT_EVENT_TYPES },
  agencyOf: (state) => state.agency,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  actionRules: reassignmentActionRules,
  ahead: reassignmentAhead,
};
