import { PROCESSES, type AnyProcessDefinition } from '../domain/processes';

/** The process a stream belongs to (a stream is named `<process>-<caseId>`), or null (e.g. a delegation stream, which no process folds). */
export const processOfStream = (stream: string): AnyProcessDefinition | null =>
  (PROCESSES.find((p) => stream.startsWith(`${p.name}-`)) as AnyProcessDefinition | undefined) ?? null;
