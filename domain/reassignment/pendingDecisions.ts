import { addDays } from '../calendar';
import type { PendingDecision } from '../pendingDecision';
import type { ReassignmentState } from './state';

/**
 * Who a reassignment waits on. Outside the commuting area the appointing authority consults the
 * executive first, then gives the notice; the executive may consent to a shorter notice before it.
 * Once noticed, a directed reassignment takes effect unless the executive declines by the day before
 * (declining is a conduct ground). A blocked one waits on HR's new date after the block.
 */
export const pendingReassignmentDecisions = (state: ReassignmentState): PendingDecision[] => {
  const authority = state.appointingAuthorityId;
  const outside = state.withinCommutingArea === false;
  const consent: PendingDecision[] =
    outside && state.waiver === null
      ? [
          {
            action: 'ConsentToShorterNotice',
            assigneeId: state.executiveId,
            assigneeRole: 'executive',
            dueOn: null,
            note: `optional: your written consent waives the ${state.requiredNoticeDays}-day notice before it is given`,
          },
        ]
      : [];
  switch (state.status) {
    case 'PROPOSED':
      return outside
        ? [
            {
              action: 'RecordConsultation',
              assigneeId: authority,
              assigneeRole: 'appointing-authority',
              dueOn: null,
              note: 'consult the executive on the reasons and their preferences before the written notice',
            },
            ...consent,
          ]
        : [
            {
              action: 'IssueNotice',
              assigneeId: authority,
              assigneeRole: 'appointing-authority',
              dueOn: null,
              note: `written notice at least ${state.requiredNoticeDays} days before the effective date (within the commuting area)`,
            },
          ];
    case 'CONSULTED':
      return [
        {
          action: 'IssueNotice',
          assigneeId: authority,
          assigneeRole: 'appointing-authority',
          dueOn: null,
          note:
            state.waiver === null
              ? `written notice with reasons at least ${state.requiredNoticeDays} days before the effective date`
              : 'written notice with reasons; the executive consented to a shorter notice',
        },
        ...consent,
      ];
    case 'NOTICE_ISSUED':
      return state.kind === 'directed'
        ? [
            {
              action: 'DeclineReassignment',
              assigneeId: state.executiveId,
              assigneeRole: 'executive',
              dueOn: addDays(state.effectiveDate!, -1),
              note: `the reassignment takes effect ${state.effectiveDate} unless you decline; declining a directed reassignment is a conduct ground for removal`,
            },
          ]
        : [];
    case 'BLOCKED_MORATORIUM':
      return [
        {
          action: 'RescheduleReassignment',
          assigneeId: null,
          assigneeRole: 'hr-specialist',
          dueOn: null,
          note: `blocked by the moratorium through ${state.block!.blockedUntil}: set an effective date on or after ${state.block!.earliestEffectiveDate}`,
        },
      ];
    default:
      return [];
  }
};
