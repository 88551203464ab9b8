import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import {
  QrbBoardAssignmentSchema,
  QrbSubmissionSchema,
  QrbVoteSchema,
  decideQrb,
  initialQrbState,
  qrbStreamName,
  type QrbCommand,
  type QrbState,
} from '../domain/qrb';
import type { Actor } from '../domain/roles';
import { castQrbVoteUpdate, conveneQrbBoardUpdate, qrbStatusQuery, type QrbCaseInput } from '../workflows/qrbCaseMessages';
import { updateOrRefuseIfClosed } from './closedCaseRefusal';
import { ProblemError, domainProblem, parseInput } from './problem';

/** The QRB operations every interface offers (CLI, HTTP), one implementation. */
export class QrbCases {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the case's workflow. A refused submission starts nothing; a second start of the same case is a 409. */
  async submit(body: unknown): Promise<{ caseId: string; workflowId: string; stream: string }> {
    const submission = parseInput(QrbSubmissionSchema, body);
    const actor: Actor = { id: submission.submittedBy, role: 'hr-specialist' };
    // Decide before starting, so a refused case leaves no workflow behind.
    const decision = decideQrb(initialQrbState, { type: 'SubmitQrbCase', at: new Date().toISOString(), actor, submission });
    if (!decision.ok) throw new ProblemError(domainProblem(decision.error));
    const workflowId = qrbStreamName(submission.caseId);
    const input: QrbCaseInput = { submission };
    await this.client.workflow.start('qrbCase', {
      args: [input],
      taskQueue: this.taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { caseId: submission.caseId, workflowId, stream: workflowId };
  }

  async conveneBoard(caseId: string, body: unknown): Promise<QrbState> {
    const assignment = parseInput(QrbBoardAssignmentSchema, body);
    const actor: Actor = { id: assignment.convenedBy, role: 'opm-qrb-staff' };
    return this.update(caseId, { type: 'ConveneQrbBoard', at: new Date().toISOString(), actor, assignment }, () =>
      this.handle(caseId).executeUpdate(conveneQrbBoardUpdate, { args: [{ actor, assignment }] }),
    );
  }

  async castVote(caseId: string, body: unknown): Promise<QrbState> {
    const vote = parseInput(QrbVoteSchema, body);
    const actor: Actor = { id: vote.memberId, role: 'qrb-member' };
    return this.update(caseId, { type: 'CastQrbVote', at: new Date().toISOString(), actor, vote }, () =>
      this.handle(caseId).executeUpdate(castQrbVoteUpdate, { args: [{ actor, vote }] }),
    );
  }

  async status(caseId: string): Promise<QrbState> {
    return this.handle(caseId).query(qrbStatusQuery);
  }

  private update(caseId: string, command: QrbCommand, send: () => Promise<QrbState>): Promise<QrbState> {
    return updateOrRefuseIfClosed(caseId, send, () => this.status(caseId), (state) => decideQrb(state, command), (state) => state.status);
  }

  private handle(caseId: string) {
    return this.client.workflow.getHandle(qrbStreamName(caseId));
  }
}
