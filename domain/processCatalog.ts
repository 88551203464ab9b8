import type { AnyProcessDefinition } from './processes';

/** A process as the workflow finds it: by name or workflow type, its definition (and every module it imports) loaded on first use. */
export interface CatalogEntry {
  name: string;
  workflowType: string;
  load: () => AnyProcessDefinition;
}

/** An entry; the definition's own types are the process's, as AnyProcessDefinition is for the shell (domain/processes.ts). */
const entry = (name: string, workflowType: string, load: () => unknown): CatalogEntry => ({ name, workflowType, load: load as () => AnyProcessDefinition });

/**
 * Every process of domain/processes.ts, in the same order, without loading any: each workflow
 * evaluates the bundle's modules afresh (Temporal's reusable V8 context gives every workflow its own
 * module cache), so a workflow that imported PROCESSES built every process's zod schemas to run one.
 * A workflow loads only its own process's definition (`require`, which the bundle evaluates when called).
 * test/processCatalog.test.ts holds this list to PROCESSES: same names, workflow types and definitions.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const PROCESS_CATALOG: readonly CatalogEntry[] = [
  entry('qrb', 'qrbCase', () => (require('./qrb/definition') as typeof import('./qrb/definition')).qrbDefinition),
  entry('probation', 'probationaryPeriod', () => (require('./probation/definition') as typeof import('./probation/definition')).probationDefinition),
  entry('onboarding', 'onboardingProgram', () => (require('./onboarding/definition') as typeof import('./onboarding/definition')).onboardingDefinition),
  entry('rotation', 'rotationAssignment', () => (require('./rotation/definition') as typeof import('./rotation/definition')).rotationDefinition),
  entry('reassignment', 'sesReassignment', () => (require('./reassignment/definition') as typeof import('./reassignment/definition')).reassignmentDefinition),
  entry('appraisal', 'annualAppraisal', () => (require('./appraisal/definition') as typeof import('./appraisal/definition')).appraisalDefinition),
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** The process that runs this workflow type, loaded now; undefined when none does. */
export const processOfWorkflowType = (workflowType: string): AnyProcessDefinition | undefined =>
  PROCESS_CATALOG.find((entry) => entry.workflowType === workflowType)?.load();

/** The process of that name, loaded now; undefined when none is. */
export const processOfName = (name: string): AnyProcessDefinition | undefined => PROCESS_CATALOG.find((entry) => entry.name === name)?.load();
