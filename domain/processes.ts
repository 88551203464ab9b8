import { appraisalDefinition } from './appraisal/definition';
import { onboardingDefinition } from './onboarding/definition';
import { probationDefinition } from './probation/definition';
import type { ProcessCommand, ProcessDefinition, ProcessEvent } from './processDefinition';
import { qrbDefinition } from './qrb/definition';
import { reassignmentDefinition } from './reassignment/definition';
import { rotationDefinition } from './rotation/definition';

/**
 * Every personnel process, one line each: the workflows, the API routes, the CLI
 * commands, the read model, the auditor and what-if all derive from this list.
 */
export const PROCESSES = [qrbDefinition, probationDefinition, onboardingDefinition, rotationDefinition, reassignmentDefinition, appraisalDefinition] as const;

export type ProcessName = (typeof PROCESSES)[number]['name'];

/** Any process, as the shell holds it without knowing which (its types are the process's own). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProcessDefinition = ProcessDefinition<any, ProcessCommand, ProcessEvent, any, { type: string }>;

/** The process of that name, or undefined. */
export const processNamed = (name: string): AnyProcessDefinition | undefined => PROCESSES.find((p) => p.name === name) as AnyProcessDefinition | undefined;
