import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { ProbationCommand } from './commands';
import { parseProbationEvent } from './events';

/**
 * The commands people sent to a probation case, rebuilt from its stream. The start
 * carries the policy version the case pinned, so a re-run decides under it.
 */
export const probationRecordedInputs = (events: readonly RecordedInputEvent[]): ProbationCommand[] =>
  personCommands(events, parseProbationEvent, (event, actor): ProbationCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'ProbationStarted':
        return { type: 'StartProbation', at, actor, start: event.data.start, policyVersion: event.data.policyVersion };
      case 'ProbationNonpayRecorded':
        // Absent and "other" are one kind: the command had it absent unless it named another.
        return {
          type: 'RecordNonpayPeriod',
          at,
          actor,
          from: event.data.from,
          to: event.data.to,
          ...(event.data.kind === 'other' ? {} : { kind: event.data.kind }),
        };
      case 'ProbationerTransferred': {
        const { toAgency, effectiveDate, supervisorId, appointingAuthorityId } = event.data;
        return { type: 'RecordTransfer', at, actor, toAgency, effectiveDate, supervisorId, appointingAuthorityId };
      }
      case 'ProbationLeadershipChangeRecorded': {
        const { trigger, effectiveDate } = event.data;
        // Not recorded, but implied: a noncareer supervisor's change is accepted only with removal authority.
        return {
          type: 'RecordLeadershipChange',
          at,
          actor,
          trigger,
          effectiveDate,
          ...(trigger === 'new-noncareer-supervisor' ? { removalAuthority: true } : {}),
        };
      }
      case 'ProbationAssessmentSubmitted': {
        const { conclusion, summary, developmentActivitiesAddressed } = event.data;
        return {
          type: 'SubmitAssessment',
          at,
          actor,
          conclusion,
          summary,
          ...(developmentActivitiesAddressed.length > 0 ? { developmentActivitiesAddressed } : {}),
        };
      }
      case 'ProbationCertified':
        return { type: 'CertifyProbation', at, actor, statement: event.data.statement };
      case 'ProbationRemovalProposed': {
        const { ground, noticeDate, effectiveDate, reasons, replyBy, moratoriumException } = event.data;
        return {
          type: 'ProposeRemoval',
          at,
          actor,
          ground,
          noticeDate,
          effectiveDate,
          reasons,
          ...(replyBy === undefined ? {} : { replyBy }),
          ...(moratoriumException === undefined ? {} : { moratoriumException }),
        };
      }
      case 'ProbationMoratoriumExceptionDecided':
        return { type: 'DecideMoratoriumException', at, actor, upheld: event.data.upheld, reasons: event.data.reasons };
      case 'ProbationCertificationRescinded':
        return { type: 'RescindCertification', at, actor, reason: event.data.reason };
      case 'ProbationRemovalWithdrawn':
        return { type: 'WithdrawRemoval', at, actor, reason: event.data.reason };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
