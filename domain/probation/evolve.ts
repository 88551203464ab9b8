import type { ProbationEvent } from './events';
import type { ProbationState } from './state';

/** Folds one event into the state. Pure and total: events are facts, never refused. */
export const evolveProbation = (state: ProbationState, event: ProbationEvent): ProbationState => {
  switch (event.type) {
    case 'ProbationStarted': {
      const { start } = event.data;
      return {
        ...state,
        status: 'ON_PROBATION',
        caseId: start.caseId,
        policyVersion: event.data.policyVersion,
        start,
        startedAt: event.occurredAt,
        executiveId: start.executiveId,
        criterion: start.criterion,
        priorTenure: start.priorTenure,
        agency: start.agency,
        supervisorId: start.supervisorId,
        appointingAuthorityId: start.appointingAuthorityId,
        appointmentEffectiveDate: start.appointmentEffectiveDate,
        lengthYears: event.data.lengthYears,
        endDate: event.data.endDate,
      };
    }
    case 'ProbationNonpayRecorded':
      return {
        ...state,
        nonpayPeriods: [...state.nonpayPeriods, { from: event.data.from, to: event.data.to, days: event.data.days, kind: event.data.kind }],
        nonpayDays: event.data.totalNonpayDays,
        otherNonpayDays: event.data.otherNonpayDays,
      };
    case 'ProbationEndDateExtended':
      return { ...state, endDate: event.data.endDate };
    case 'ProbationerTransferred':
      return {
        ...state,
        agency: event.data.toAgency,
        supervisorId: event.data.supervisorId,
        appointingAuthorityId: event.data.appointingAuthorityId,
        transfers: [...state.transfers, { fromAgency: event.data.fromAgency, toAgency: event.data.toAgency, effectiveDate: event.data.effectiveDate }],
      };
    case 'ProbationLeadershipChangeRecorded':
      return {
        ...state,
        moratoria: [
          ...state.moratoria,
          { trigger: event.data.trigger, agency: event.data.agency, effectiveDate: event.data.effectiveDate, until: event.data.moratoriumUntil },
        ],
      };
    case 'ProbationCertificationReminderSent':
      return {
        ...state,
        remindersSent: [...state.remindersSent, { daysBeforeEnd: event.data.daysBeforeEnd, endDate: event.data.endDate, at: event.occurredAt }],
      };
    case 'ProbationAssessmentSubmitted':
      return { ...state, assessments: [...state.assessments, { ...event.data, at: event.occurredAt }] };
    case 'ProbationCertified':
      return {
        ...state,
        status: event.data.late ? state.status : 'CERTIFIED',
        certification: {
          appointingAuthorityId: event.data.appointingAuthorityId,
          statement: event.data.statement,
          at: event.occurredAt,
          late: event.data.late,
        },
      };
    case 'ProbationCertificationRescinded': {
      const certification = state.certification!;
      return {
        ...state,
        // A removal proposed after the certification stays pending.
        status: state.status === 'CERTIFIED' ? 'ON_PROBATION' : state.status,
        certification: null,
        rescindedCertifications: [
          ...state.rescindedCertifications,
          {
            appointingAuthorityId: certification.appointingAuthorityId,
            certifiedAt: certification.at,
            rescindedBy: event.data.rescindedBy,
            reason: event.data.reason,
            at: event.occurredAt,
          },
        ],
      };
    }
    case 'ProbationCertificationOverdue':
      return { ...state, status: 'CERTIFICATION_OVERDUE', overdueSince: event.occurredAt };
    case 'ProbationCompleted':
      return { ...state, status: 'COMPLETED', outcome: { status: 'COMPLETED', at: event.occurredAt, endDate: event.data.endDate, late: event.data.late } };
    case 'ProbationRemovalProposed': {
      const { proposedBy, ground, noticeDate, effectiveDate, reasons, replyBy, placementRight, moratoriumException } = event.data;
      return {
        ...state,
        status: 'REMOVAL_PROPOSED',
        removal: {
          proposedBy,
          ground,
          noticeDate,
          effectiveDate,
          reasons,
          ...(replyBy === undefined ? {} : { replyBy }),
          placementRight,
          proposedAt: event.occurredAt,
          ...(moratoriumException === undefined ? {} : { moratoriumException }),
        },
      };
    }
    case 'ProbationMoratoriumExceptionDecided':
      return { ...state, removal: { ...state.removal!, exceptionDecision: { ...event.data, at: event.occurredAt } } };
    case 'ProbationRemovalWithdrawn': {
      const removal = state.removal;
      return {
        ...state,
        // An early certification stands while the period runs: the case is certified again.
        status: state.certification !== null && !state.certification.late ? 'CERTIFIED' : 'ON_PROBATION',
        removal: null,
        withdrawnRemovals: removal
          ? [
              ...state.withdrawnRemovals,
              {
                ground: removal.ground,
                effectiveDate: removal.effectiveDate,
                withdrawnBy: event.data.withdrawnBy,
                reason: event.data.reason,
                at: event.occurredAt,
              },
            ]
          : state.withdrawnRemovals,
      };
    }
    case 'ProbationerRemoved':
      return {
        ...state,
        status: 'REMOVED',
        outcome: {
          status: 'REMOVED',
          at: event.occurredAt,
          effectiveDate: event.data.effectiveDate,
          ground: event.data.ground,
          placementRight: event.data.placementRight,
        },
      };
  }
};
