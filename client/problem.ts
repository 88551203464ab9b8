import { ZodError } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, ApplicationFailure } from '@temporalio/client';
import type { DomainError } from '../domain/domainError';
import { CorruptEventError } from '../eventstore/storedEvents';
import { REVISION_MISMATCH_RULE } from '../domain/revisionPrecondition';
import { causeChain } from './causeChain';
import { QueryUnansweredError } from './unansweredQueries';
import { isUnprocessedUpdate } from './unprocessedUpdates';

/**
 * A refusal as people see it, in the CLI and as an HTTP body: which field, which
 * rule, why. `status` is the HTTP status it maps to.
 */
export interface Problem {
  status: 400 | 401 | 403 | 404 | 405 | 408 | 409 | 412 | 413 | 415 | 422 | 429 | 431 | 500 | 503;
  /** The stable rule id, e.g. "qrb.vote.not-a-board-member"; the HTTP problem type URI ends with it. */
  error: string;
  message: string;
  issues?: { field: string; rule: string; message: string }[];
  /** When a retry may succeed, in seconds (HTTP Retry-After): 503, 429, and 409 while an idempotent request runs. */
  retryAfterSeconds?: number;
}

/** How long a client should wait before retrying while Temporal or the store cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

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
  // A case that moved on since the revision the person saw fails the If-Match precondition.
  status: error.rule === REVISION_MISMATCH_RULE ? 412 : error.kind === 'conflict' ? 409 : 422,
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
  if (isUnprocessedUpdate(error)) {
    return {
      status: 503,
      error: 'case-busy',
      message:
        "the case's workflow did not take up the request, sent several times while other requests reached it at once; nothing was recorded: send it again",
      retryAfterSeconds: 1,
    };
  }
  if (error instanceof QueryUnansweredError) {
    return { status: 503, error: 'case-unanswered', message: `${error.message}; a worker may be starting again`, retryAfterSeconds: 1 };
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const domainError = domainErrorIn(error.cause);
    if (domainError) return domainProblem(domainError);
    return { status: 409, error: 'update-failed', message: error.cause?.message ?? error.message };
  }
  const domainError = domainErrorIn(error);
  if (domainError) return domainProblem(domainError);
  if (error instanceof CorruptEventError) {
    // The store, not the request, is at fault: say where, and how an auditor finds out more.
    return {
      status: 500,
      error: 'store.corrupt-event',
      message: `${error.message}; the record was changed outside the application: \`ses audit verify\` names what no longer holds`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const unreachable = unreachableCause(error);
  if (unreachable) {
    return { status: 503, error: 'temporal-unavailable', message: `cannot reach Temporal: ${unreachable}`, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
  }
  if (causeChain(error).some(isWorkflowNotReady)) {
    return {
      status: 503,
      error: 'case-recovering',
      message:
        "the case's workflow is not ready: it is recovering from a step a stopped worker or server left unfinished, and takes no command or read until a worker has run it again; nothing was recorded",
      retryAfterSeconds: 1,
    };
  }
  return { status: 500, error: 'internal', message };
};

/**
 * gRPC FAILED_PRECONDITION: Temporal's "workflow not ready", before it admits the call. An update
 * while the workflow's last task failed (after a worker or the server was killed) is refused
 * so ("Workflow Task in failed state"), and a query in such moments in other words ("Workflow
 * task is not scheduled yet", "Workflow state is not ready"; the fault run once logged a query's
 * 9 whose words were not kept). Each passes once a worker has run the task again.
 */
const isWorkflowNotReady = (error: Error): boolean => (error as { code?: unknown }).code === 9;

/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the server is down or did not answer in time. */
const UNREACHABLE_GRPC_CODES = new Set([14, 4]);

/**
 * The message of the first error in the cause chain saying the server cannot be
 * reached (the client wraps gRPC failures, e.g. "Failed to query Workflow" around UNAVAILABLE).
 */
const unreachableCause = (error: unknown): string | undefined =>
  causeChain(error).find((link) => {
    const code = (link as { code?: unknown }).code;
    return (typeof code === 'number' && UNREACHABLE_GRPC_CODES.has(code)) || /ECONNREFUSED|Failed to connect|UNAVAILABLE|DEADLINE_EXCEEDED/i.test(link.message);
  })?.message;

/** Parses input with a schema, or throws a 400 Problem naming every bad field. */
export const parseInput = <T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
  prefix = '',
): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ProblemError(validationProblem(parsed.error, prefix));
  return parsed.data;
};
