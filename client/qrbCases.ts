import { WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { onboardingDefinition } from '../domain/onboarding';
import { probationDefinition } from '../domain/probation';
import { streamOf } from '../domain/processDefinition';
import {
  AgencyHeadTransitionSchema,
  QrbAppointmentSchema,
  appointmentStarts,
  evolveQrb,
  QrbBoardAssignmentSchema,
  QrbResubmissionSchema,
  QrbSubmissionSchema,
  QrbVoteSchema,
  QrbWithdrawalSchema,
  decideQrb,
  initialQrbState,
  qrbStreamName,
  type QrbCommand,
  type QrbState,
} from '../domain/qrb';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import type { Actor } from '../domain/roles';
import {
  castQrbVoteUpdate,
  conveneQrbBoardUpdate,
  handleAgencyHeadTransitionUpdate,
  qrbStatusQuery,
  recordQrbAppointmentUpdate,
  resubmitQrbCaseUpdate,
  withdrawQrbCaseUpdate,
  type QrbCaseInput,
} from '../workflows/qrbCaseMessages';
import { updateOrRefuseIfClosed } from './closedCaseRefusal';
import { wallClock } from './wallClock';
import { ProblemError, domainProblem, parseInput } from './problem';

/** The QRB operations every interface offers (CLI, HTTP), one implementation. */
export class QrbCases {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    /** The time refusals are pre-checked at: the wall clock, or a test server's skipped clock. */
    private readonly now: () => Promise<string> = wallClock,
  ) {}

  /** Starts the case's workflow. A refused submission starts nothing; a second start of the same case is a 409. */
  async submit(body: unknown, policyVersion?: string): Promise<{ caseId: string; workflowId: string; stream: string }> {
    const submission = parseInput(QrbSubmissionSchema, body);
    const actor: Actor = { id: submission.submittedBy, role: 'hr-specialist' };
    // Decide before starting, so a refused case leaves no workflow behind.
    const decision = decideQrb(initialQrbState, {
      type: 'SubmitQrbCase',
      at: await this.now(),
      actor,
      submission,
      ...(policyVersion ? { policyVersion } : {}),
    });
    if (!decision.ok) throw new ProblemError(domainProblem(decision.error));
    const workflowId = qrbStreamName(submission.caseId);
    const input: QrbCaseInput = { submission, ...(policyVersion ? { policyVersion } : {}) };
    await this.client.workflow.start('qrbCase', {
      args: [input],
      taskQueue: this.taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { caseId: submission.caseId, workflowId, stream: workflowId };
  }

  async conveneBoard(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const assignment = parseInput(QrbBoardAssignmentSchema, body);
    const actor: Actor = { id: assignment.convenedBy, role: 'opm-qrb-staff' };
    return this.update(caseId, { type: 'ConveneQrbBoard', at: await this.now(), actor, assignment }, () =>
      this.handle(caseId).executeUpdate(conveneQrbBoardUpdate, { args: [{ actor, assignment, ...precondition }] }),
    );
  }

  async castVote(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const vote = parseInput(QrbVoteSchema, body);
    const actor: Actor = { id: vote.memberId, role: 'qrb-member' };
    return this.update(caseId, { type: 'CastQrbVote', at: await this.now(), actor, vote }, () =>
      this.handle(caseId).executeUpdate(castQrbVoteUpdate, { args: [{ actor, vote, ...precondition }] }),
    );
  }

  async resubmit(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const resubmission = parseInput(QrbResubmissionSchema, body);
    const actor: Actor = { id: resubmission.resubmittedBy, role: 'hr-specialist' };
    return this.update(caseId, { type: 'ResubmitQrbCase', at: await this.now(), actor, resubmission }, () =>
      this.handle(caseId).executeUpdate(resubmitQrbCaseUpdate, { args: [{ actor, resubmission, ...precondition }] }),
    );
  }

  async withdraw(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const withdrawal = parseInput(QrbWithdrawalSchema, body);
    const actor: Actor = { id: withdrawal.withdrawnBy, role: 'hr-specialist' };
    return this.update(caseId, { type: 'WithdrawQrbCase', at: await this.now(), actor, withdrawal }, () =>
      this.handle(caseId).executeUpdate(withdrawQrbCaseUpdate, { args: [{ actor, withdrawal, ...precondition }] }),
    );
  }

  /**
   * Records the appointment, which starts probation and onboarding under its id.
   * Refused first when either would be refused or already exists, so an appointment
   * is never recorded without the two cases it promises.
   */
  async recordAppointment(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const appointment = parseInput(QrbAppointmentSchema, body);
    const actor: Actor = { id: appointment.recordedBy, role: 'hr-specialist' };
    const command: QrbCommand = { type: 'RecordQrbAppointment', at: await this.now(), actor, appointment };
    const current = await this.status(caseId);
    const decision = decideQrb(current, command);
    if (decision.ok) await this.checkAppointmentStarts(decision.events.reduce(evolveQrb, current), command.at, actor);
    return this.update(caseId, command, () =>
      this.handle(caseId).executeUpdate(recordQrbAppointmentUpdate, { args: [{ actor, appointment, ...precondition }] }),
    );
  }

  /** OPM's hold, release or return around an agency-head transition: recorded, or refused with the rule. */
  async agencyHeadTransition(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<QrbState> {
    const transition = parseInput(AgencyHeadTransitionSchema, body);
    const actor: Actor = { id: transition.by, role: 'opm-qrb-staff' };
    return this.update(caseId, { type: 'HandleAgencyHeadTransition', at: await this.now(), actor, transition }, () =>
      this.handle(caseId).executeUpdate(handleAgencyHeadTransitionUpdate, { args: [{ actor, transition, ...precondition }] }),
    );
  }

  async status(caseId: string): Promise<QrbState> {
    return this.handle(caseId).query(qrbStatusQuery);
  }

  private update(caseId: string, command: QrbCommand, send: () => Promise<QrbState>): Promise<QrbState> {
    return updateOrRefuseIfClosed(
      caseId,
      send,
      () => this.status(caseId),
      (state) => decideQrb(state, command),
      (state) => state.status,
    );
  }

  private async checkAppointmentStarts(appointed: QrbState, at: string, actor: Actor): Promise<void> {
    const starts = appointmentStarts(appointed);
    const children = [
      {
        definition: probationDefinition,
        decision: probationDefinition.decide(probationDefinition.initialState, probationDefinition.startCommand(starts.probation, at, actor)),
        caseId: starts.probation.caseId,
      },
      {
        definition: onboardingDefinition,
        decision: onboardingDefinition.decide(onboardingDefinition.initialState, onboardingDefinition.startCommand(starts.onboarding, at, actor)),
        caseId: starts.onboarding.caseId,
      },
    ];
    for (const { definition, decision, caseId } of children) {
      if (!decision.ok) throw new ProblemError(domainProblem(decision.error));
      const exists = await this.client.workflow
        .getHandle(streamOf(definition, caseId))
        .describe()
        .then(
          () => true,
          (error: unknown) => (error instanceof WorkflowNotFoundError ? false : Promise.reject(error)),
        );
      if (exists) {
        throw new ProblemError({
          status: 409,
          error: 'qrb.appointment.already-started',
          message: `${streamOf(definition, caseId)} already exists; appointment ${caseId} is not started twice`,
        });
      }
    }
  }

  private handle(caseId: string) {
    return this.client.workflow.getHandle(qrbStreamName(caseId));
  }
}
