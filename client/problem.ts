import { ZodError } from 'zod';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  ApplicationFailure,
} from '@temporalio/client';
import type { DomainError } from '../domain/domainError';

/**
 * A refusal as people see it, in the CLI and as an HTTP body: which field, which
 * rule, why. `status` is the HTTP status it maps to.
 */
export interface Problem {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 422 | 500 | 503;
  error: string;
  message: string;
  issues?: { field: string; rule: string; message: string }[];
}

export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export const validationProblem = (error: ZodError, prefix = ''): Problem => {
  const issues = error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    rule: issue.code,
    message: issue.message,
  }));
  return {
    status: 400,
    error: 'validation',
    message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    issues,
  };
};

export const domainProblem = (error: DomainError): Problem => ({
  status: error.kind === 'conflict' ? 409 : 422,
  error: error.rule,
  message: error.message,
  ...(error.field ? { issues: [{ field: error.field, rule: error.rule, message: error.message }] } : {}),
});

const domainErrorIn = (failure: unknown): DomainError | undefined => {
  if (failure instanceof ApplicationFailure && failure.type === 'DomainError') {
    return failure.details?.[0] as DomainError | undefined;
  }
  return undefined;
};

/** Maps anything thrown by an operation to a Problem; unknown errors become 500 with their message. */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof ZodError) return validationProblem(error);
  if (error instanceof WorkflowNotFoundError) {
    return { status: 404, error: 'not-found', message: `no such case: ${error.workflowId}` };
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return { status: 409, error: 'already-exists', message: `a case with workflow id ${error.workflowId} already exists` };
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const domainError = domainErrorIn(error.cause);
    if (domainError) return domainProblem(domainError);
    return { status: 409, error: 'update-failed', message: error.cause?.message ?? error.message };
  }
  const domainError = domainErrorIn(error);
  if (domainError) return domainProblem(domainError);
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|Failed to connect|UNAVAILABLE/i.test(message)) {
    return { status: 503, error: 'temporal-unavailable', message: `cannot reach Temporal: ${message}` };
  }
  return { status: 500, error: 'internal', message };
};

/** Parses input with a schema, or throws a 400 Problem naming every bad field. */
export const parseInput = <T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } }, input: unknown, prefix = ''): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ProblemError(validationProblem(parsed.error, prefix));
  return parsed.data;
};
