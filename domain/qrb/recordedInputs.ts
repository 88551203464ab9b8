import { agencyDateOf } from '../agencyTimeZones';
import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { QrbCommand } from './commands';
import { parseQrbEvent } from './events';

/**
 * The commands people sent to a QRB case, rebuilt from its stream. The submission
 * carries the policy version the case pinned, so a re-run decides under it.
 */
export const qrbRecordedInputs = (events: readonly RecordedInputEvent[]): QrbCommand[] =>
  personCommands(events, parseQrbEvent, (event, actor): QrbCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'QrbCaseSubmitted': {
        // A case submitted before the window rule has no closing date on record: the re-run takes the day of
        // submission, the latest date the rule allows, so it neither invents a late submission nor drops the case.
        const { position } = event.data.submission;
        const announcementClosedOn = position.announcementClosedOn ?? agencyDateOf(at, position.agency);
        const submission = { ...event.data.submission, position: { ...position, announcementClosedOn } };
        return { type: 'SubmitQrbCase', at, actor, submission, policyVersion: event.data.policyVersion };
      }
      case 'QrbBoardConvened':
        return { type: 'ConveneQrbBoard', at, actor, assignment: { convenedBy: event.data.convenedBy, members: event.data.members } };
      case 'QrbVoteCast':
        return { type: 'CastQrbVote', at, actor, vote: event.data };
      case 'QrbCaseResubmitted':
        return { type: 'ResubmitQrbCase', at, actor, resubmission: { resubmittedBy: event.data.resubmittedBy, evidence: event.data.evidence } };
      case 'QrbCaseWithdrawn':
        return { type: 'WithdrawQrbCase', at, actor, withdrawal: event.data };
      case 'QrbCasePlacedOnHold':
        return { type: 'HandleAgencyHeadTransition', at, actor, transition: { action: 'hold', ...event.data } };
      case 'QrbHoldReleased':
        return { type: 'HandleAgencyHeadTransition', at, actor, transition: { action: 'release', ...event.data } };
      case 'QrbCaseReturnedUnderHold':
        return { type: 'HandleAgencyHeadTransition', at, actor, transition: { action: 'return', ...event.data } };
      case 'QrbAppointmentRecorded':
        return { type: 'RecordQrbAppointment', at, actor, appointment: event.data.appointment };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
