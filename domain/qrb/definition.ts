import { z } from 'zod';
import { qrbNotices, QRB_SILENT_EVENT_TYPES } from '../notifications/qrbNotices';
import { CASE_READERS } from '../permissions';
import type { NamedAction, ProcessDefinition } from '../processDefinition';
import type { Role } from '../roles';
import { qrbActionRules } from './actionRules';
import { qrbAhead } from './ahead';
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
import { initialQrbState, isQrbClosed, qrbAgency, type QrbState } from './state';
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

/**
 * A decision with its own path, whose body names who takes it (`actorField`) in the one role that may:
 * the path, operation and body of today's API and CLI.
 */
const named = <B extends z.ZodObject<z.ZodRawShape>>(
  { path, operation, summary, who, role }: { path: string; operation: string; summary: string; who: string; role: Role },
  body: B,
  actorField: keyof z.infer<B> & string,
  toAction: (body: z.infer<B>) => QrbAction,
): NamedAction<QrbAction> => ({
  path,
  operation,
  summary,
  who,
  role,
  actorField,
  body,
  toAct: ((given: z.infer<B>) => ({ actor: { id: given[actorField] as string, role }, action: toAction(given) })) as NamedAction<QrbAction>['toAct'],
});

const QRB_NAMED_ACTIONS: readonly NamedAction<QrbAction>[] = [
  named(
    { path: 'board', operation: 'qrb.convene', summary: 'Convene the three-member board', who: 'OPM QRB staff', role: 'opm-qrb-staff' },
    QrbBoardAssignmentSchema,
    'convenedBy',
    (assignment) => ({ type: 'ConveneQrbBoard', assignment }),
  ),
  named(
    { path: 'votes', operation: 'qrb.vote', summary: 'A board member rates every ECQ', who: 'QRB member, as themself', role: 'qrb-member' },
    QrbVoteSchema,
    'memberId',
    (vote) => ({ type: 'CastQrbVote', vote }),
  ),
  named(
    { path: 'resubmission', operation: 'qrb.resubmit', summary: 'Resubmit a disapproved case to a new board', who: 'HR specialist', role: 'hr-specialist' },
    QrbResubmissionSchema,
    'resubmittedBy',
    (resubmission) => ({ type: 'ResubmitQrbCase', resubmission }),
  ),
  named(
    { path: 'withdrawal', operation: 'qrb.withdraw', summary: 'Withdraw the case', who: 'HR specialist', role: 'hr-specialist' },
    QrbWithdrawalSchema,
    'withdrawnBy',
    (withdrawal) => ({ type: 'WithdrawQrbCase', withdrawal }),
  ),
  named(
    {
      path: 'agency-head-transition',
      operation: 'qrb.transition',
      summary: 'Hold, release or return the case around an agency-head transition',
      who: 'OPM QRB staff',
      role: 'opm-qrb-staff',
    },
    AgencyHeadTransitionSchema,
    'by',
    (transition) => ({ type: 'HandleAgencyHeadTransition', transition }),
  ),
  named(
    {
      path: 'appointment',
      operation: 'qrb.appoint',
      summary: 'Record the appointment: starts probation and onboarding',
      who: 'HR specialist',
      role: 'hr-specialist',
    },
    QrbAppointmentSchema,
    'recordedBy',
    (appointment) => ({ type: 'RecordQrbAppointment', appointment }),
  ),
];

/** QRB certification of a selectee's ECQs (SES-RULES §1) as the shell runs, drives and audits it. */
export const qrbDefinition: ProcessDefinition<QrbState, QrbCommand, QrbEvent, QrbSubmission, QrbAction, QrbTimer> = {
  name: 'qrb',
  workflowType: 'qrbCase',
  title: 'QRB certification',
  startSchema: QrbSubmissionSchema,
  caseIdOf: (submission) => submission.caseId,
  starterOf: (submission) => ({ id: submission.submittedBy, role: 'hr-specialist' }),
  starterField: 'submittedBy',
  startVerb: 'submit',
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
  agencyOf: qrbAgency,
  roles: { start: ['hr-specialist'], read: CASE_READERS },
  actionRules: qrbActionRules,
  ahead: qrbAhead,
  namedActions: QRB_NAMED_ACTIONS,
  followOnActions: ['RecordQrbAppointment'],
  followOnCases: (state) => {
    if (state.status !== 'APPOINTED') return [];
    const starts = appointmentStarts(state);
    return [
      { process: 'probation', start: starts.probation, cause: 'appointment' },
      { process: 'onboarding', start: starts.onboarding, cause: 'appointment' },
    ];
  },
};
