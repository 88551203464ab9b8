import type { ReassignmentEvent } from './events';
import type { ReassignmentState } from './state';

/** Folds one event into the state. Pure; the workflow's status query and the auditor's replay use the same fold. */
export const evolveReassignment = (state: ReassignmentState, event: ReassignmentEvent): ReassignmentState => {
  const at = event.occurredAt;
  switch (event.type) {
    case 'ReassignmentProposed': {
      const { start, policyVersion, requiredNoticeDays } = event.data;
      return {
        ...state,
        status: 'PROPOSED',
        caseId: start.caseId,
        policyVersion,
        start,
        startedAt: at,
        executiveId: start.executiveId,
        agency: start.agency,
        kind: start.kind,
        withinCommutingArea: start.withinCommutingArea,
        appointingAuthorityId: start.appointingAuthorityId,
        followsUnsatisfactoryRating: start.followsUnsatisfactoryRating ?? null,
        disciplinaryActionBegunOn: start.disciplinaryActionBegunOn ?? null,
        requiredNoticeDays,
      };
    }
    case 'ReassignmentConsultationRecorded':
      return { ...state, status: 'CONSULTED', consultation: { ...event.data, at } };
    case 'ReassignmentConsultationFoundDefective':
      // Consultation, consent and notice are given again; the new notice's period runs from its own date.
      return {
        ...state,
        status: 'PROPOSED',
        consultation: null,
        waiver: null,
        notice: null,
        effectiveDate: null,
        block: null,
        defectiveConsultations: [...state.defectiveConsultations, { ...event.data, at }],
      };
    case 'ReassignmentNoticeIssued': {
      const { issuedBy, noticeDate, effectiveDate, reasons, noticeDays, waivedByConsent, exceptions } = event.data;
      return {
        ...state,
        status: 'NOTICE_ISSUED',
        notice: { issuedBy, noticeDate, effectiveDate, ...(reasons === undefined ? {} : { reasons }), noticeDays, waivedByConsent, exceptions, at },
        effectiveDate,
      };
    }
    case 'ReassignmentShorterNoticeConsented':
      return { ...state, waiver: { consentedOn: event.data.consentedOn, statement: event.data.statement, at } };
    case 'ReassignmentLeadershipChangeRecorded':
      return { ...state, clocks: [...state.clocks, { trigger: event.data.trigger, effectiveDate: event.data.effectiveDate, at }] };
    case 'ReassignmentDetailRecorded':
      return { ...state, details: [...state.details, event.data] };
    case 'ReassignmentBlockedByMoratorium': {
      const { effectiveDate, blockedUntil, earliestEffectiveDate } = event.data;
      return { ...state, status: 'BLOCKED_MORATORIUM', block: { effectiveDate, blockedUntil, earliestEffectiveDate, at } };
    }
    case 'ReassignmentRescheduled':
      return { ...state, status: 'NOTICE_ISSUED', effectiveDate: event.data.effectiveDate, block: null };
    case 'ReassignmentEffected':
      return { ...state, status: 'EFFECTIVE', outcome: { status: 'EFFECTIVE', at, ...event.data } };
    case 'ReassignmentDeclined':
      return { ...state, status: 'DECLINED', outcome: { status: 'DECLINED', at, reason: event.data.reason, consequence: event.data.consequence } };
    case 'ReassignmentWithdrawn':
      return { ...state, status: 'WITHDRAWN', outcome: { status: 'WITHDRAWN', at, ...event.data } };
  }
};
