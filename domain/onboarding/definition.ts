import { onboardingNotices, ONBOARDING_SILENT_EVENT_TYPES } from '../notifications/onboardingNotices';
import { CASE_READERS } from '../permissions';
import type { ProcessDefinition } from '../processDefinition';
import { onboardingActionRules } from './actionRules';
import { onboardingAhead } from './ahead';
import { OnboardingActionSchema, OnboardingStartSchema, type OnboardingAction, type OnboardingCommand, type OnboardingStart } from './commands';
import { decideOnboarding } from './decide';
import { parseOnboardingEvent, onboardingEventVersion, type OnboardingEvent } from './events';
import { evolveOnboarding } from './evolve';
import { pendingOnboardingDecisions } from './pendingDecisions';
import { onboardingRecordedInputs } from './recordedInputs';
import { nextOnboardingTimer, onboardingTimerCommand, onboardingTimerId, type OnboardingTimer } from './timers';
import { initialOnboardingState, isOnboardingTerminal, type OnboardingState } from './state';

/** The one-year SES onboarding program (SES-RULES §2, §9) as the shell runs, drives and audits it. */
export const onboardingDefinition: ProcessDefinition<OnboardingState, OnboardingCommand, OnboardingEvent, OnboardingStart, OnboardingAction, OnboardingTimer> =
  {
    name: 'onboarding',
    workflowType: 'onboardingProgram',
    title: 'SES one-year onboarding program',
    startSchema: OnboardingStartSchema,
    caseIdOf: (start) => start.caseId,
    starterOf: (start) => ({ id: start.startedBy, role: 'hr-specialist' }),
    starterField: 'startedBy',
    startCommand: (start, at, actor, policyVersion) => ({
      type: 'StartOnboarding',
      at,
      actor,
      start,
      ...(policyVersion === undefined ? {} : { policyVersion }),
    }),
    actionSchema: OnboardingActionSchema,
    actionCommand: (action, at, actor) => ({ ...action, at, actor }),
    initialState: initialOnboardingState,
    decide: decideOnboarding,
    evolve: evolveOnboarding,
    parseEvent: parseOnboardingEvent,
    eventVersion: onboardingEventVersion,
    policyVersionOf: (state) => state.policyVersion,
    isTerminal: isOnboardingTerminal,
    timers: { next: nextOnboardingTimer, command: onboardingTimerCommand, id: onboardingTimerId },
    pendingDecisions: pendingOnboardingDecisions,
    recordedInputs: onboardingRecordedInputs,
    notices: { noticesFor: onboardingNotices, silentEventTypes: ONBOARDING_SILENT_EVENT_TYPES },
    agencyOf: (state) => state.agency,
    roles: { start: ['hr-specialist'], read: CASE_READERS },
    actionRules: onboardingActionRules,
    ahead: onboardingAhead,
  };
