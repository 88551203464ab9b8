import { rotationNotices, ROTATION_SILENT_EVENT_TYPES } from '../notifications/rotationNotices';
import { CASE_READERS } from '../permissions';
import type { ProcessDefinition } from '../processDefinition';
import { rotationActionRules } from './actionRules';
import { rotationAhead } from './ahead';
import { RotationActionSchema, RotationStartSchema, type RotationAction, type RotationCommand, type RotationStart } from './commands';
import { decideRotation } from './decide';
import { parseRotationEvent, rotationEventVersion, type RotationEvent } from './events';
import { evolveRotation } from './evolve';
import { pendingRotationDecisions } from './pendingDecisions';
import { rotationRecordedInputs } from './recordedInputs';
import { nextRotationTimer, rotationTimerCommand, rotationTimerId, type RotationTimer } from './timers';
import { initialRotationState, isRotationTerminal, type RotationState } from './state';

/** The GS-15 rotation pilot of the PMC Interagency Rotation Program (SES-RULES §3, §9). */
export const rotationDefinition: ProcessDefinition<RotationState, RotationCommand, RotationEvent, RotationStart, RotationAction, RotationTimer> = {
  name: 'rotation',
  workflowType: 'rotationAssignment',
  title: 'GS-15 rotation pilot (PMC Interagency Rotation Program)',
  startSchema: RotationStartSchema,
  caseIdOf: (start) => start.caseId,
  starterOf: (start) => ({ id: start.startedBy, role: 'hr-specialist' }),
  starterField: 'startedBy',
  startCommand: (start, at, actor, policyVersion) => ({
    type: 'OpenRotationCase',
    at,
    actor,
    start,
    ...(policyVersion === undefined ? {} : { policyVersion }),
  }),
  actionSchema: RotationActionSchema,
  actionCommand: (action, at, actor) => ({ ...action, at, actor }),
  initialState: initialRotationState,
  decide: decideRotation,
  evolve: evolveRotation,
  parseEvent: parseRotationEvent,
  eventVersion: rotationEventVersion,
  policyVersionOf: (state) => state.policyVersion,
  isTerminal: isRotationTerminal,
  timers: { next: nextRotationTimer, command: rotationTimerCommand, id: rotationTimerId },
  pendingDecisions: pendingRotationDecisions,
  recordedInputs: rotationRecordedInputs,
  notices: { noticesFor: rotationNotices, silentEventTypes: ROTATION_SILENT_EVENT_TYPES },
  agencyOf: (state) => state.participant?.homeAgency ?? null,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  actionRules: rotationActionRules,
  ahead: rotationAhead,
};
