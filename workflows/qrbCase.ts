import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { daysToMs } from '../domain/calendar';
import { policyById } from '../domain/policyVersions';
import {
  QRB_EVENT_SCHEMA_VERSION,
  QrbBoardAssignmentSchema,
  QrbSubmissionSchema,
  QrbVoteSchema,
  decideQrb,
  evolveQrb,
  initialQrbState,
  isQrbDecided,
  pendingVoters,
  qrbStreamName,
  type QrbCommand,
  type QrbEvent,
  type QrbState,
} from '../domain/qrb';
import { SYSTEM_ACTOR, ActorSchema, type Actor } from '../domain/roles';
import { z } from 'zod';
import { eventSourcedCase } from './eventSourcedCase';
import { castQrbVoteUpdate, conveneQrbBoardUpdate, qrbStatusQuery, type QrbCaseInput } from './qrbCaseMessages';

const ConveneArgsSchema = z.object({ actor: ActorSchema, assignment: QrbBoardAssignmentSchema });
const VoteArgsSchema = z.object({ actor: ActorSchema, vote: QrbVoteSchema });

const now = (): string => new Date(Date.now()).toISOString();

/**
 * A QRB certification case (SES-RULES §1): submitted by an HR specialist, a board
 * convened by OPM staff, one vote per member on every ECQ, decided after the last
 * vote. Members who have not voted are reminded every `voteReminderAfterDays`.
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
  qrb.handleUpdate(conveneQrbBoardUpdate, ConveneArgsSchema, ({ actor, assignment }, at) => ({ type: 'ConveneQrbBoard', at, actor, assignment }));
  qrb.handleUpdate(castQrbVoteUpdate, VoteArgsSchema, ({ actor, vote }, at) => ({ type: 'CastQrbVote', at, actor, vote }));

  await submitted;

  const reminderEvery = daysToMs(policyById(qrb.state.policyVersion!).qrb.voteReminderAfterDays);
  let reminders = 0;
  while (!isQrbDecided(qrb.state)) {
    if (qrb.state.status !== 'BOARD_CONVENED') {
      await condition(() => qrb.state.status !== 'SUBMITTED_TO_OPM');
      continue;
    }
    // Reminders fall due every interval counted from the convening instant, not from when we got here.
    const due = Date.parse(qrb.state.convenedAt!) + (reminders + 1) * reminderEvery;
    const decided = await condition(() => isQrbDecided(qrb.state), Math.max(due - Date.now(), 1));
    if (!decided && pendingVoters(qrb.state).length > 0) {
      reminders += 1;
      await qrb.execute({ type: 'RemindQrbVoters', at: now(), actor: SYSTEM_ACTOR }, `vote-reminder-${reminders}`);
    }
  }
  await condition(allHandlersFinished);
  return qrb.state;
}

const eventSourcedCaseFor = (caseId: string) =>
  eventSourcedCase<QrbState, QrbCommand, QrbEvent>({
    stream: qrbStreamName(caseId),
    initialState: initialQrbState,
    decide: decideQrb,
    evolve: evolveQrb,
    schemaVersion: QRB_EVENT_SCHEMA_VERSION,
    policyVersionOf: (state) => state.policyVersion,
  });
