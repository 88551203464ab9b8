import { probationNotices, PROBATION_SILENT_EVENT_TYPES } from '../notifications/probationNotices';
import { CASE_READERS } from '../permissions';
import type { ProcessDefinition } from '../processDefinition';
import { probationActionRules } from './actionRules';
import { probationAhead } from './ahead';
import { ProbationActionSchema, ProbationStartSchema, type ProbationAction, type ProbationCommand, type ProbationStart } from './commands';
import { decideProbation } from './decide';
import { parseProbationEvent, probationEventVersion, type ProbationEvent } from './events';
import { evolveProbation } from './evolve';
import { pendingProbationDecisions } from './pendingDecisions';
import { probationRecordedInputs } from './recordedInputs';
import { nextProbationTimer, timerCommand, timerId, type ProbationTimer } from './timers';
import { initialProbationState, isProbationTerminal, type ProbationState } from './state';

/** The SES probationary period (SES-RULES §4, §9) as the shell runs, drives and audits it. */
export const probationDefinition: ProcessDefinition<ProbationState, ProbationCommand, ProbationEvent, ProbationStart, ProbationAction, ProbationTimer> = {
  name: 'probation',
  workflowType: 'probationaryPeriod',
  title: 'SES probationary period',
  startSchema: ProbationStartSchema,
  caseIdOf: (start) => start.caseId,
  starterOf: (start) => ({ id: start.startedBy, role: 'hr-specialist' }),
  starterField: 'startedBy',
  startCommand: (start, at, actor, policyVersion) => ({ type: 'StartProbation', at, actor, start, ...(policyVersion === undefined ? {} : { policyVersion }) }),
  actionSchema: ProbationActionSchema,
  actionCommand: (action, at, actor) => ({ ...action, at, actor }),
  initialState: initialProbationState,
  decide: decideProbation,
  evolve: evolveProbation,
  parseEvent: parseProbationEvent,
  eventVersion: probationEventVersion,
  policyVersionOf: (state) => state.policyVersion,
  isTerminal: isProbationTerminal,
  timers: { next: nextProbationTimer, command: timerCommand, id: timerId },
  pendingDecisions: pendingProbationDecisions,
  recordedInputs: probationRecordedInputs,
  notices: { noticesFor: probationNotices, silentEventTypes: PROBATION_SILENT_EVENT_TYPES },
  agencyOf: (state) => state.agency,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  actionRules: probationActionRules,
  ahead: probationAhead,
};
