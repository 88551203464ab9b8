import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { ReassignmentCommand } from './commands';
import { parseReassignmentEvent } from './events';

/** The commands people sent to a reassignment case, rebuilt from its stream; the start carries the pinned policy version. */
export const reassignmentRecordedInputs = (events: readonly RecordedInputEvent[]): ReassignmentCommand[] =>
  personCommands(events, parseReassignmentEvent, (event, actor): ReassignmentCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'ReassignmentProposed':
        return { type: 'ProposeReassignment', at, actor, start: event.data.start, policyVersion: event.data.policyVersion };
      case 'ReassignmentConsultationRecorded': {
        const { consultedOn, reasons, executivePreferences } = event.data;
        return { type: 'RecordConsultation', at, actor, consultedOn, reasons, executivePreferences };
      }
      case 'ReassignmentConsultationFoundDefective':
        return { type: 'RecordDefectiveConsultation', at, actor, reason: event.data.reason };
      case 'ReassignmentNoticeIssued': {
        const { noticeDate, effectiveDate, reasons } = event.data;
        return { type: 'IssueNotice', at, actor, noticeDate, effectiveDate, ...(reasons === undefined ? {} : { reasons }) };
      }
      case 'ReassignmentShorterNoticeConsented':
        return { type: 'ConsentToShorterNotice', at, actor, consentedOn: event.data.consentedOn, statement: event.data.statement };
      case 'ReassignmentLeadershipChangeRecorded': {
        const { trigger, effectiveDate } = event.data;
        // Not recorded, but implied: a supervisor's change is accepted only when noncareer and able to make the initial appraisal.
        return {
          type: 'RecordLeadershipChange',
          at,
          actor,
          trigger,
          effectiveDate,
          ...(trigger === 'new-noncareer-supervisor' ? { noncareer: true, makesInitialAppraisal: true } : {}),
        };
      }
      case 'ReassignmentDetailRecorded':
        return { type: 'RecordDetail', at, actor, from: event.data.from, to: event.data.to };
      case 'ReassignmentRescheduled':
        return { type: 'RescheduleReassignment', at, actor, effectiveDate: event.data.effectiveDate };
      case 'ReassignmentDeclined':
        return { type: 'DeclineReassignment', at, actor, reason: event.data.reason };
      case 'ReassignmentWithdrawn':
        return { type: 'WithdrawReassignment', at, actor, reason: event.data.reason };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
