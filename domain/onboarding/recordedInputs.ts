import { notAPersonInput, personCommands, type RecordedInputEvent } from '../recordedInputs';
import type { OnboardingCommand } from './commands';
import { parseOnboardingEvent } from './events';

/**
 * The commands people sent to an onboarding program, rebuilt from its stream. The
 * start carries the policy version the program pinned, so a re-run decides under it.
 */
export const onboardingRecordedInputs = (events: readonly RecordedInputEvent[]): OnboardingCommand[] =>
  personCommands(events, parseOnboardingEvent, (event, actor): OnboardingCommand => {
    const at = event.occurredAt;
    switch (event.type) {
      case 'OnboardingStarted':
        return { type: 'StartOnboarding', at, actor, start: event.data.start, policyVersion: event.data.policyVersion };
      case 'OnboardingSupervisorAndMentorAssigned': {
        const { supervisorId, mentorId, coachId } = event.data;
        return {
          type: 'AssignSupervisorAndMentor',
          at,
          actor,
          supervisorId,
          ...(mentorId === null ? {} : { mentorId }),
          ...(coachId === null ? {} : { coachId }),
        };
      }
      case 'OnboardingMilestoneConfirmed': {
        const { milestoneId, note } = event.data;
        return { type: 'ConfirmMilestone', at, actor, milestoneId, ...(note === undefined ? {} : { note }) };
      }
      case 'OnboardingEnded':
        return { type: 'EndOnboarding', at, actor, reason: event.data.reason, note: event.data.note };
      default:
        throw notAPersonInput(event.type, actor);
    }
  });
