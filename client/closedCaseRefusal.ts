import { WorkflowNotFoundError } from '@temporalio/client';
import type { Decision, DomainError } from '../domain/domainError';
import { ProblemError, domainProblem } from './problem';

/**
 * Sends an update; when the case's workflow has closed, Temporal answers "not
 * found", so the command is decided against the case's final state instead and
 * the refusal names the rule (e.g. a vote after the decision).
 */
export const updateOrRefuseIfClosed = async <S>(
  caseId: string,
  send: () => Promise<S>,
  finalState: () => Promise<S>,
  decide: (state: S) => Decision<unknown>,
  statusOf: (state: S) => string,
): Promise<S> => {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const state = await finalState(); // still not found: there is no such case
    const decision = decide(state);
    throw new ProblemError(
      decision.ok
        ? { status: 409, error: 'case-closed', message: `case ${caseId} is closed (${statusOf(state)}); it takes no more actions` }
        : domainProblem((decision as { error: DomainError }).error),
    );
  }
};
