import type { OnboardingEvent } from '../onboarding/events';
import { ASSIGNMENT_MILESTONE_ID, escalationDate } from '../onboarding/rules';
import type { OnboardingState } from '../onboarding/state';
import type { Notice } from './notice';
import { caseIdOf, everyone, notice, person, recipients, roleName, runTable, silent, type CaseRef, type NoticeTable } from './table';

// Silent: OnboardingMilestoneConfirmed (the owner confirmed it; a late one was already reminded and escalated).
export const ONBOARDING_SILENT_EVENT_TYPES = ['OnboardingMilestoneConfirmed'] as const;

const name = (ref: CaseRef) => `onboarding program ${ref.caseId}`;
const Name = (ref: CaseRef) => `Onboarding program ${ref.caseId}`;

/** A milestone as the message names it: its id and its policy title (no case narrative). */
const milestoneOf = (state: OnboardingState, id: string): string => {
  const title = state.milestones.find((m) => m.id === id)?.title;
  return title ? `"${id}" (${title})` : `"${id}"`;
};

const hrStarter = (state: OnboardingState) => person(state.start?.startedBy);

const ONBOARDING_NOTICES: NoticeTable<OnboardingEvent, OnboardingState> = {
  // The executive-resources office assigns the supervisor and owns the day-0 pre-boarding.
  OnboardingStarted: (e, _b, _a, ref) => {
    const day0 = e.data.start.appointmentEffectiveDate;
    return [
      notice(ref, {
        kind: 'onboarding.started',
        to: everyone('executive-resources-office'),
        subject: `${Name(ref)}: started, day 0 is ${day0}`,
        body: `${Name(ref)} started on ${ref.on} for the appointment effective ${day0} (day 0). Assign the supervisor and a mentor or coach by ${day0}; the first milestones fall due that day.`,
        dueOn: day0,
      }),
    ];
  },
  OnboardingSupervisorAndMentorAssigned: (e, _b, after, ref) => {
    // The assignment confirms its own milestone (the next event): the next is the first the supervisor confirms.
    const next = after.milestones.find((m) => m.confirmation === null && m.owner === 'supervisor' && m.id !== ASSIGNMENT_MILESTONE_ID);
    const helpers = [e.data.mentorId ? 'mentor' : null, e.data.coachId ? 'executive coach' : null].filter((x) => x !== null).join(' and ');
    return [
      notice(ref, {
        kind: 'onboarding.supervisor-and-mentor-assigned',
        to: recipients(person(e.data.supervisorId), person(e.data.mentorId), person(e.data.coachId), person(e.data.previousSupervisorId)),
        subject: `${Name(ref)}: supervisor${helpers ? ` and ${helpers}` : ''} assigned`,
        body:
          `The supervisor${helpers ? ` and ${helpers}` : ''} of ${name(ref)} were assigned on ${ref.on}${e.data.previousSupervisorId ? ', replacing the previous supervisor' : ''}. ` +
          (next
            ? `The supervisor confirms the program's milestones as they fall due; the next, ${milestoneOf(after, next.id)}, is due on ${next.dueDate}.`
            : 'No supervisor milestone is open.'),
      }),
    ];
  },
  OnboardingMilestoneConfirmed: silent,
  OnboardingMilestoneReminderSent: (e, _b, after, ref) => {
    const escalation = after.escalationAfterDays === null ? null : escalationDate(e.data.dueDate, after.escalationAfterDays);
    return [
      notice(ref, {
        kind: 'onboarding.milestone-reminder',
        to: e.data.ownerId ? person(e.data.ownerId) : everyone(e.data.owner),
        subject: `${Name(ref)}: milestone "${e.data.milestoneId}" was due ${e.data.dueDate}`,
        body: `Milestone ${milestoneOf(after, e.data.milestoneId)} of ${name(ref)} was due on ${e.data.dueDate} and is not yet confirmed. Confirm it on the case page now${
          escalation ? `; if it is still unconfirmed on ${escalation} it is escalated to the executive-resources office` : ''
        }.`,
        dueOn: e.data.dueDate,
      }),
    ];
  },
  OnboardingMilestoneEscalated: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'onboarding.milestone-escalated',
      to: recipients(everyone('executive-resources-office'), person(after.supervisorId)),
      subject: `${Name(ref)}: milestone "${e.data.milestoneId}" escalated, ${e.data.daysOverdue} days overdue`,
      body: `Milestone ${milestoneOf(after, e.data.milestoneId)} of ${name(ref)}, due on ${e.data.dueDate}, is ${e.data.daysOverdue} days overdue and was escalated to the executive-resources office on ${ref.on}. Its owner, the ${roleName(after.milestones.find((m) => m.id === e.data.milestoneId)?.owner ?? 'supervisor')}, confirms it now; the office follows up.`,
      dueOn: e.data.dueDate,
    }),
  ],
  OnboardingCompleted: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'onboarding.completed',
      to: recipients(hrStarter(after), person(after.supervisorId)),
      subject: `${Name(ref)}: completed`,
      body: `${Name(ref)} completed on ${ref.on}. Nothing further is due; the summary of its milestones is on the case page.`,
    }),
  ],
  OnboardingEnded: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'onboarding.ended',
      to: recipients(hrStarter(after), person(after.supervisorId)),
      subject: `${Name(ref)}: ended`,
      body: `${Name(ref)} was ended on ${ref.on}, before its year was out. No milestone is due any more.`,
    }),
  ],
};

/** The notices of one onboarding event (stream `onboarding-<caseId>`). */
export const onboardingNotices = (event: OnboardingEvent, before: OnboardingState, after: OnboardingState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'onboarding-', after.caseId);
  return runTable(ONBOARDING_NOTICES, event, before, after, { caseId, casePath: `/onboarding-cases/${caseId}`, agency: after.agency ?? before.agency });
};
