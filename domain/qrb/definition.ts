import { z } from 'zod';
import { qrbNotices, QRB_SILENT_EVENT_TYPES } from '../notifications/qrbNotices';
import { CASE_READERS } from '../permissions';
import type { NamedAction, ProcessDefinition } from '../processDefinition';
import type { Actor } from '../roles';
import { appointmentStarts } from './appointmentStarts';
import {
  AgencyHeadTransitionSchema,
  QrbAppointmentSchema,
  QrbBoardAssignmentSchema,
  QrbResubmissionSchema,
  QrbSubmissionSchema,
  QrbVoteSchema,
  QrbWithdrawalSchema,
  type QrbCommand,
  type QrbSubmission,
} from './commands';
import { decideQrb } from './decide';
import { parseQrbEvent, qrbEventVersion, type QrbEvent } from './events';
import { evolveQrb } from './evolve';
import { pendingQrbDecisions } from './pendingDecisions';
import { qrbRecordedInputs } from './recordedInputs';
import { initialQrbState, isQrbClosed, type QrbState } from './state';
import { nextQrbTimer, qrbTimerCommand, qrbTimerId, type QrbTimer } from './timers';

/** The decisions people take on a QRB case after its submission, as bodies `{type, ...payload}`. */
export const QrbActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ConveneQrbBoard'), assignment: QrbBoardAssignmentSchema }),
  z.object({ type: z.literal('CastQrbVote'), vote: QrbVoteSchema }),
  z.object({ type: z.literal('ResubmitQrbCase'), resubmission: QrbResubmissionSchema }),
  z.object({ type: z.literal('WithdrawQrbCase'), withdrawal: QrbWithdrawalSchema }),
  z.object({ type: z.literal('HandleAgencyHeadTransition'), transition: AgencyHeadTransitionSchema }),
  z.object({ type: z.literal('RecordQrbAppointment'), appointment: QrbAppointmentSchema }),
]);
export type QrbAction = z.infer<typeof QrbActionSchema>;

/** A decision whose body names who takes it, in the one role that may: the path and operation of today's API and CLI. */
const named = <B extends z.ZodType>(
  path: string,
  operation: string,
  summary: string,
  who: string,
  body: B,
  toAct: (body: z.infer<B>) => { actor: Actor; action: QrbAction },
): NamedAction<QrbAction> => ({ path, operation, summary, who, body, toAct: toAct as NamedAction<QrbAction>['toAct'] });

const QRB_NAMED_ACTIONS: readonly NamedAction<QrbAction>[] = [
  named('board', 'qrb.convene', 'Convene the three-member board', 'OPM QRB staff', QrbBoardAssignmentSchema, (assignment) => ({
    actor: { id: assignment.convenedBy, role: 'opm-qrb-staff' },
    action: { type: 'ConveneQrbBoard', assignment },
  })),
  named('votes', 'qrb.vote', 'A board member rates every ECQ', 'QRB member, as themself', QrbVoteSchema, (vote) => ({
    actor: { id: vote.memberId, role: 'qrb-member' },
    action: { type: 'CastQrbVote', vote },
  })),
  named('resubmission', 'qrb.resubmit', 'Resubmit a disapproved case to a new board', 'HR specialist', QrbResubmissionSchema, (resubmission) => ({
    actor: { id: resubmission.resubmittedBy, role: 'hr-specialist' },
    action: { type: 'ResubmitQrbCase', resubmission },
  })),
  named('withdrawal', 'qrb.withdraw', 'Withdraw the case', 'HR specialist', QrbWithdrawalSchema, (withdrawal) => ({
    actor: { id: withdrawal.withdrawnBy, role: 'hr-specialist' },
    action: { type: 'WithdrawQrbCase', withdrawal },
  })),
  named(
    'agency-head-transition',
    'qrb.transition',
    'Hold, release or return the case around an agency-head transition',
    'OPM QRB staff',
    AgencyHeadTransitionSchema,
    (transition) => ({ actor: { id: transition.by, role: 'opm-qrb-staff' }, action: { type: 'HandleAgencyHeadTransition', transition } }),
  ),
  named('appointment', 'qrb.appoint', 'Record the appointment: starts probation and onboarding', 'HR specialist', QrbAppointmentSchema, (appointment) => ({
    actor: { id: appointment.recordedBy, role: 'hr-specialist' },
    action: { type: 'RecordQrbAppointment', appointment },
  })),
];

/** QRB certification of a selectee's ECQs (SES-RULES §1) as the shell runs, drives and audits it. */
export const qrbDefinition: ProcessDefinition<QrbState, QrbCommand, QrbEvent, QrbSubmission, QrbAction, QrbTimer> = {
  name: 'qrb',
  workflowType: 'qrbCase',
  title: 'QRB certification',
  startSchema: QrbSubmissionSchema,
  caseIdOf: (submission) => submission.caseId,
  starterOf: (submission) => ({ id: submission.submittedBy, role: 'hr-specialist' }),
  startCommand: (submission, at, actor, policyVersion) => ({
    type: 'SubmitQrbCase',
    at,
    actor,
    submission,
    ...(policyVersion === undefined ? {} : { policyVersion }),
  }),
  actionSchema: QrbActionSchema,
  actionCommand: (action, at, actor) => ({ ...action, at, actor }),
  initialState: initialQrbState,
  decide: decideQrb,
  evolve: evolveQrb,
  parseEvent: parseQrbEvent,
  eventVersion: qrbEventVersion,
  policyVersionOf: (state) => state.policyVersion,
  isTerminal: isQrbClosed,
  timers: { next: nextQrbTimer, command: qrbTimerCommand, id: qrbTimerId },
  pendingDecisions: pendingQrbDecisions,
  recordedInputs: qrbRecordedInputs,
  notices: { noticesFor: qrbNotices, silentEventTypes: QRB_SILENT_EVENT_TYPES },
  agencyOf: (state) => state.submission?.position.agency ?? null,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  namedActions: QRB_NAMED_ACTIONS,
  followOnCases: (state) => {
    if (state.status !== 'APPOINTED') return [];
    const starts = appointmentStarts(state);
    return [
      { process: 'probation', start: starts.probation },
      { process: 'onboarding', start: starts.onboarding },
    ];
  },
};
