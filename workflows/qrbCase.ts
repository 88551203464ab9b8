import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, WorkflowIdReusePolicy, allHandlersFinished, condition, log, setHandler, startChild } from '@temporalio/workflow';
import { streamOf } from '../domain/processDefinition';
import { processActUpdate, processStatusQuery, type ActArgs, type ProcessInput } from './processMessages';
import type { UpdateDefinition } from '@temporalio/common';
import { qrbDefinition, type QrbAction } from '../domain/qrb/definition';
import { daysToMs } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import {
  AgencyHeadTransitionSchema,
  QRB_EVENT_SCHEMA_VERSION,
  appointmentStarts,
  QrbAppointmentSchema,
  QrbBoardAssignmentSchema,
  QrbResubmissionSchema,
  QrbSubmissionSchema,
  QrbVoteSchema,
  QrbWithdrawalSchema,
  decideQrb,
  evolveQrb,
  initialQrbState,
  isQrbClosed,
  isQrbDecided,
  qrbStreamName,
  type QrbCommand,
  type QrbEvent,
  type QrbState,
} from '../domain/qrb';
import { SYSTEM_ACTOR, ActorSchema, type Actor } from '../domain/roles';
import { z } from 'zod';
import { eventSourcedCase } from './eventSourcedCase';
import {
  agencyHeadTransitionSignal,
  castQrbVoteUpdate,
  conveneQrbBoardUpdate,
  handleAgencyHeadTransitionUpdate,
  qrbStatusQuery,
  recordQrbAppointmentUpdate,
  resubmitQrbCaseUpdate,
  withdrawQrbCaseUpdate,
  type QrbCaseInput,
} from './qrbCaseMessages';

const withActor = <T extends z.ZodRawShape>(shape: T) => z.object({ actor: ActorSchema, ...shape });
const ConveneArgs = withActor({ assignment: QrbBoardAssignmentSchema });
const VoteArgs = withActor({ vote: QrbVoteSchema });
const ResubmitArgs = withActor({ resubmission: QrbResubmissionSchema });
const WithdrawArgs = withActor({ withdrawal: QrbWithdrawalSchema });
const AppointmentArgs = withActor({ appointment: QrbAppointmentSchema });
const TransitionArgs = withActor({ transition: AgencyHeadTransitionSchema });
const ActArgsSchema = withActor({ action: qrbDefinition.actionSchema });

const now = (): string => new Date(Date.now()).toISOString();
const DAY_MS = daysToMs(1);

/**
 * A QRB certification case (SES-RULES §1): submitted by an HR specialist, a board
 * convened by OPM staff, one vote per member on every ECQ, decided after the last
 * vote; members who have not voted are reminded every `voteReminderAfterDays`. A
 * disapproved case may be resubmitted once within the window, to a new board; OPM
 * may hold, release or return it around an agency-head transition; the agency may
 * withdraw it; an approval leads to the appointment.
 */
export async function qrbCase(input: QrbCaseInput): Promise<QrbState> {
  const submission = QrbSubmissionSchema.parse(input.submission);
  const qrb = eventSourcedCaseFor(submission.caseId);

  // Queue the submission before any handler exists: an update delivered in the same first
  // activation then runs after it, instead of being judged against an empty case.
  const submitter: Actor = { id: submission.submittedBy, role: 'hr-specialist' };
  const submitted = qrb.executeOrFail(
    { type: 'SubmitQrbCase', at: now(), actor: submitter, submission, ...(input.policyVersion ? { policyVersion: input.policyVersion } : {}) },
    'start',
  );

  setHandler(qrbStatusQuery, () => qrb.state);
  // The generic contract every process offers: `status` and one `act` update whose action is a QrbAction.
  setHandler(processStatusQuery, () => qrb.state);
  qrb.handleUpdate(processActUpdate as UpdateDefinition<unknown, [ActArgs<QrbAction>]>, ActArgsSchema, ({ actor, action }, at) =>
    qrbDefinition.actionCommand(action, at, actor),
  );
  qrb.handleUpdate(conveneQrbBoardUpdate, ConveneArgs, ({ actor, assignment }, at) => ({ type: 'ConveneQrbBoard', at, actor, assignment }));
  qrb.handleUpdate(castQrbVoteUpdate, VoteArgs, ({ actor, vote }, at) => ({ type: 'CastQrbVote', at, actor, vote }));
  qrb.handleUpdate(resubmitQrbCaseUpdate, ResubmitArgs, ({ actor, resubmission }, at) => ({ type: 'ResubmitQrbCase', at, actor, resubmission }));
  qrb.handleUpdate(withdrawQrbCaseUpdate, WithdrawArgs, ({ actor, withdrawal }, at) => ({ type: 'WithdrawQrbCase', at, actor, withdrawal }));
  qrb.handleUpdate(recordQrbAppointmentUpdate, AppointmentArgs, ({ actor, appointment }, at) => ({ type: 'RecordQrbAppointment', at, actor, appointment }));
  qrb.handleUpdate(handleAgencyHeadTransitionUpdate, TransitionArgs, ({ actor, transition }, at) => ({
    type: 'HandleAgencyHeadTransition',
    at,
    actor,
    transition,
  }));
  // Histories from before the update hold the transition as a signal; they replay through this.
  setHandler(agencyHeadTransitionSignal, (args) => {
    const parsed = TransitionArgs.safeParse(args);
    if (parsed.success) void qrb.execute({ type: 'HandleAgencyHeadTransition', at: now(), ...parsed.data }, `transition-${parsed.data.transition.action}`);
  });

  await submitted;
  const policy = policyById(qrb.state.policyVersion!).qrb;
  while (!isQrbClosed(qrb.state)) {
    // What the loop waits on: a change of status, round or decision, never an absolute condition
    // (one already true would spin the loop).
    const phase = (state: QrbState) => `${state.status}/${state.round}/${isQrbDecided(state)}`;
    const current = phase(qrb.state);
    const changed = () => phase(qrb.state) !== current;
    const { status, round } = qrb.state;
    if (status === 'BOARD_CONVENED' && !isQrbDecided(qrb.state)) {
      // Reminders fall due every interval counted from the convening instant, not from when we got here.
      const due = Date.parse(qrb.state.convenedAt!) + (qrb.state.remindersSent.length + 1) * daysToMs(policy.voteReminderAfterDays);
      if (!(await condition(changed, Math.max(due - Date.now(), 1)))) {
        await qrb.execute({ type: 'RemindQrbVoters', at: now(), actor: SYSTEM_ACTOR }, `vote-reminder-${round}-${qrb.state.remindersSent.length + 1}`);
      }
    } else if (status === 'DISAPPROVED' && qrb.state.resubmitBy !== null) {
      // The window closes at the end of its last day.
      const closesAt = Date.parse(`${qrb.state.resubmitBy}T00:00:00Z`) + DAY_MS;
      if (!(await condition(changed, Math.max(closesAt - Date.now(), 1)))) {
        await qrb.execute({ type: 'CloseQrbResubmissionWindow', at: now(), actor: SYSTEM_ACTOR }, 'resubmission-window');
      }
    } else {
      await condition(changed);
    }
  }
  if (qrb.state.status === 'APPOINTED') await startAppointment(qrb.state);
  await condition(allHandlersFinished);
  return qrb.state;
}

/**
 * The appointment starts the probationary period and the onboarding program as
 * children that outlive this case. Their workflow ids come from the appointment
 * id, so a second start for the same appointment is refused by Temporal, never
 * duplicated.
 */
const startAppointment = async (state: QrbState): Promise<void> => {
  const starts = appointmentStarts(state);
  const children = [
    { workflowType: 'probationaryPeriod', workflowId: streamOf({ name: 'probation' }, starts.probation.caseId), start: starts.probation },
    { workflowType: 'onboardingProgram', workflowId: streamOf({ name: 'onboarding' }, starts.onboarding.caseId), start: starts.onboarding },
  ];
  for (const child of children) {
    const input: ProcessInput = { start: child.start };
    try {
      await startChild(child.workflowType, {
        workflowId: child.workflowId,
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      log.warn(`${child.workflowId} already exists; appointment ${starts.probation.caseId} does not start it twice`);
    }
  }
};

const eventSourcedCaseFor = (caseId: string) =>
  eventSourcedCase<QrbState, QrbCommand, QrbEvent>({
    stream: qrbStreamName(caseId),
    initialState: initialQrbState,
    decide: decideQrb,
    evolve: evolveQrb,
    eventVersion: () => QRB_EVENT_SCHEMA_VERSION,
    policyVersionOf: (state) => state.policyVersion,
  });
