import { refuseUnlessActingFor, roleActedIn, whyNoRoleActedIn } from '../actingFor';
import { commandDateOf, startedBeforeAgencyDays } from '../agencyTimeZones';
import { accept, refuse, type Decision } from '../domainError';
import { policyForStart } from '../policyVersions';
import { refuseAuditor, refuseStarter, refuseStarterAsApprover, type Starter } from '../separationOfDuties';
import type { OnboardingCommand } from './commands';
import type { OnboardingEvent } from './events';
import { evolveOnboarding } from './evolve';
import { ASSIGNMENT_MILESTONE_ID, completingMilestone, escalationDate, lateness, onboardingSummary, pinMilestones } from './rules';
import { isOnboardingTerminal, type OnboardingMilestone, type OnboardingState } from './state';

type CommandOf<T extends OnboardingCommand['type']> = Extract<OnboardingCommand, { type: T }>;
type Result = Decision<OnboardingEvent>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideOnboarding = (state: OnboardingState, command: OnboardingCommand): Result => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  if (command.type === 'StartOnboarding') return start(state, command);
  if (state.status === 'NOT_STARTED') return refuse('conflict', 'onboarding.not-started', 'the onboarding program has not been started');
  if (isOnboardingTerminal(state)) {
    return refuse('conflict', 'onboarding.case-closed', `program ${state.caseId} is closed (${state.status}); it takes no more actions`);
  }
  switch (command.type) {
    case 'AssignSupervisorAndMentor':
      return assign(state, command);
    case 'ConfirmMilestone':
      return confirm(state, command);
    case 'EndOnboarding':
      return end(state, command);
    case 'SendMilestoneReminder':
      return remind(state, command);
    case 'EscalateMilestone':
      return escalate(state, command);
  }
};

const start = (state: OnboardingState, command: CommandOf<'StartOnboarding'>): Result => {
  const { start: body, actor, at } = command;
  if (state.status !== 'NOT_STARTED') {
    return refuse('conflict', 'onboarding.start.already-started', `program ${state.caseId} was already started on ${state.startedAt}`);
  }
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'onboarding.start.hr-specialist-only', `only an HR specialist starts an onboarding program, not a ${actor.role}`);
  }
  if (actor.id !== body.startedBy) {
    return refuse('invalid', 'onboarding.start.starter-is-actor', `startedBy must be the acting specialist ${actor.id}`, 'startedBy');
  }
  if (body.startedBy === body.executiveId) {
    return refuse('invalid', 'onboarding.start.separation-of-duties', `the new executive ${body.executiveId} cannot start their own onboarding`, 'startedBy');
  }
  // The agency's date of the start both picks the policy and is the date the start is checked on.
  const today = commandDateOf(command, body.agency);
  const chosen = policyForStart('onboarding.start', command.policyVersion, today);
  if (!chosen.ok) return chosen.refusal;
  const { policy } = chosen;
  const milestones = pinMilestones(body.appointmentEffectiveDate, policy.onboarding);
  const lastDue = completingMilestone(milestones).dueDate;
  if (today > lastDue) {
    return refuse(
      'invalid',
      'onboarding.start.program-already-over',
      `a program anchored on ${body.appointmentEffectiveDate} was due to finish ${lastDue}, before this start on ${today}`,
      'appointmentEffectiveDate',
    );
  }
  return accept({
    type: 'OnboardingStarted',
    data: { start: body, policyVersion: policy.id, milestones, escalationAfterDays: policy.onboarding.escalationAfterDays },
    occurredAt: at,
  });
};

const starterOf = (state: OnboardingState): Starter => ({ id: state.start!.startedBy, role: 'hr-specialist' });

const assign = (state: OnboardingState, command: CommandOf<'AssignSupervisorAndMentor'>): Result => {
  const { actor, at, supervisorId } = command;
  const mentorId = command.mentorId ?? null;
  const coachId = command.coachId ?? null;
  if (actor.role !== 'hr-specialist' && actor.role !== 'executive-resources-office') {
    return refuse(
      'invalid',
      'onboarding.assign.hr-or-executive-resources-only',
      `only an HR specialist or the executive-resources office assigns the supervisor and mentor, not a ${actor.role}`,
    );
  }
  if (mentorId === null && coachId === null) {
    return refuse(
      'invalid',
      'onboarding.assign.mentor-or-coach-required',
      'a mentor or an executive coach (or both) must be assigned with the supervisor',
      'mentorId',
    );
  }
  for (const [field, id] of [
    ['supervisorId', supervisorId],
    ['mentorId', mentorId],
    ['coachId', coachId],
  ] as const) {
    if (id === state.executiveId) {
      return refuse(
        'invalid',
        'onboarding.assign.not-the-executive',
        `the new executive ${state.executiveId} cannot be their own ${field.replace('Id', '')}`,
        field,
      );
    }
  }
  // The supervisor confirms milestones: an approver, so never the program's starter.
  const approver = refuseStarterAsApprover('onboarding', starterOf(state), [['supervisorId', supervisorId]]);
  if (approver) return approver;
  if (mentorId === supervisorId || coachId === supervisorId) {
    return refuse(
      'invalid',
      'onboarding.assign.mentor-not-supervisor',
      `the supervisor ${supervisorId} cannot also be the mentor or coach`,
      mentorId === supervisorId ? 'mentorId' : 'coachId',
    );
  }
  if (state.supervisorId === supervisorId && state.mentorId === mentorId && state.coachId === coachId) {
    return refuse('conflict', 'onboarding.assign.unchanged', `supervisor ${supervisorId} with this mentor and coach is already assigned`, 'supervisorId');
  }
  const assigned: OnboardingEvent = {
    type: 'OnboardingSupervisorAndMentorAssigned',
    data: { assignedBy: actor.id, supervisorId, mentorId, coachId, previousSupervisorId: state.supervisorId },
    occurredAt: at,
  };
  // The assignment is what the "supervisor and mentor assigned" milestone records: the first one confirms it, by whoever made it.
  // A case started before this rule (the workflow marks its commands daysIn UTC, DAYS_ARE_AGENCY_DAYS) goes on without it, as it ran.
  const milestone = findMilestone(state, ASSIGNMENT_MILESTONE_ID);
  if (!milestone || milestone.confirmation || startedBeforeAgencyDays(command)) return accept<OnboardingEvent>(assigned);
  const confirmed: OnboardingEvent = {
    type: 'OnboardingMilestoneConfirmed',
    data: {
      milestoneId: milestone.id,
      confirmedBy: actor.id,
      role: actor.role,
      dueDate: milestone.dueDate,
      ...lateness(milestone.dueDate, commandDateOf(command, state.agency)),
    },
    occurredAt: at,
  };
  return accept<OnboardingEvent>(assigned, confirmed);
};

const findMilestone = (state: OnboardingState, milestoneId: string): OnboardingMilestone | undefined => state.milestones.find((m) => m.id === milestoneId);

const confirm = (state: OnboardingState, command: CommandOf<'ConfirmMilestone'>): Result => {
  const { actor, at, milestoneId, note } = command;
  const milestone = findMilestone(state, milestoneId);
  if (!milestone) {
    return refuse(
      'invalid',
      'onboarding.confirm.unknown-milestone',
      `"${milestoneId}" is not a milestone of this program (${state.milestones.map((m) => m.id).join(', ')})`,
      'milestoneId',
    );
  }
  if (milestone.confirmation) {
    return refuse(
      'conflict',
      'onboarding.confirm.already-confirmed',
      `milestone ${milestoneId} was already confirmed by ${milestone.confirmation.by} on ${milestone.confirmation.at}`,
      'milestoneId',
    );
  }
  const starter = refuseStarter('onboarding', actor, starterOf(state), command.type);
  if (starter) return starter;
  if (roleActedIn(command, [milestone.owner]) === null) {
    return refuse(
      'invalid',
      'onboarding.confirm.owner-only',
      `milestone ${milestoneId} is confirmed by its owner, the ${milestone.owner}, not a ${actor.role}${whyNoRoleActedIn(command, [milestone.owner])}`,
      'milestoneId',
    );
  }
  if (milestone.owner === 'supervisor') {
    if (state.supervisorId === null) {
      return refuse(
        'conflict',
        'onboarding.confirm.no-supervisor-assigned',
        `milestone ${milestoneId} is confirmed by the assigned supervisor, and none is assigned yet`,
        'milestoneId',
      );
    }
    const whose = `milestone ${milestoneId} is confirmed by the assigned supervisor ${state.supervisorId}`;
    const denied = refuseUnlessActingFor(command, state.supervisorId, 'supervisor', 'onboarding.confirm.assigned-supervisor-only', whose, 'milestoneId');
    if (denied) return denied;
  }
  const today = commandDateOf(command, state.agency);
  if (milestone.dueDay > 0 && today < state.appointmentEffectiveDate!) {
    return refuse(
      'conflict',
      'onboarding.confirm.before-day-0',
      `milestone ${milestoneId} follows the effective date ${state.appointmentEffectiveDate}; only day-0 (pre-boarding) milestones are confirmed before it`,
      'milestoneId',
    );
  }
  const final = completingMilestone(state.milestones);
  if (milestone.id === final.id) {
    const opensOn = state.milestones
      .filter((m) => m.id !== final.id)
      .reduce((latest, m) => (m.dueDate > latest ? m.dueDate : latest), state.appointmentEffectiveDate!);
    if (today < opensOn) {
      return refuse(
        'conflict',
        'onboarding.confirm.final-milestone-too-early',
        `milestone ${milestoneId} completes the program and is confirmed from ${opensOn} (the last other due date), not on ${today}`,
        'milestoneId',
      );
    }
  }
  const confirmed: OnboardingEvent = {
    type: 'OnboardingMilestoneConfirmed',
    data: {
      milestoneId,
      confirmedBy: actor.id,
      role: milestone.owner,
      dueDate: milestone.dueDate,
      ...lateness(milestone.dueDate, today),
      ...(note === undefined ? {} : { note }),
    },
    occurredAt: at,
  };
  if (milestone.id !== final.id) return accept(confirmed);
  const after = evolveOnboarding(state, confirmed);
  return accept<OnboardingEvent>(confirmed, { type: 'OnboardingCompleted', data: { summary: onboardingSummary(after.milestones) }, occurredAt: at });
};

const end = (state: OnboardingState, command: CommandOf<'EndOnboarding'>): Result => {
  const { actor, at, reason, note } = command;
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'onboarding.end.hr-specialist-only', `only an HR specialist ends an onboarding program, not a ${actor.role}`);
  }
  return accept({ type: 'OnboardingEnded', data: { reason, note, endedBy: actor.id, summary: onboardingSummary(state.milestones) }, occurredAt: at });
};

const systemOnly = (rule: string, actor: { role: string }): Result | null =>
  actor.role === 'system' ? null : refuse('invalid', rule, `only the workflow's timers send this, not a ${actor.role}`);

const remind = (state: OnboardingState, command: CommandOf<'SendMilestoneReminder'>): Result => {
  const denied = systemOnly('onboarding.reminder.system-only', command.actor);
  if (denied) return denied;
  const milestone = findMilestone(state, command.milestoneId);
  if (!milestone)
    return refuse('invalid', 'onboarding.reminder.unknown-milestone', `"${command.milestoneId}" is not a milestone of this program`, 'milestoneId');
  if (milestone.confirmation)
    return refuse('conflict', 'onboarding.reminder.already-confirmed', `milestone ${milestone.id} is confirmed; no reminder`, 'milestoneId');
  if (milestone.reminderSentAt)
    return refuse('conflict', 'onboarding.reminder.already-sent', `the reminder for ${milestone.id} was sent on ${milestone.reminderSentAt}`, 'milestoneId');
  const today = commandDateOf(command, state.agency);
  if (today <= milestone.dueDate) {
    return refuse(
      'conflict',
      'onboarding.reminder.not-due',
      `milestone ${milestone.id} is due by ${milestone.dueDate}; the reminder waits until the day after, not ${today}`,
      'milestoneId',
    );
  }
  return accept({
    type: 'OnboardingMilestoneReminderSent',
    data: {
      milestoneId: milestone.id,
      dueDate: milestone.dueDate,
      owner: milestone.owner,
      ownerId: milestone.owner === 'supervisor' ? state.supervisorId : null,
    },
    occurredAt: command.at,
  });
};

const escalate = (state: OnboardingState, command: CommandOf<'EscalateMilestone'>): Result => {
  const denied = systemOnly('onboarding.escalation.system-only', command.actor);
  if (denied) return denied;
  const milestone = findMilestone(state, command.milestoneId);
  if (!milestone)
    return refuse('invalid', 'onboarding.escalation.unknown-milestone', `"${command.milestoneId}" is not a milestone of this program`, 'milestoneId');
  if (milestone.confirmation)
    return refuse('conflict', 'onboarding.escalation.already-confirmed', `milestone ${milestone.id} is confirmed; no escalation`, 'milestoneId');
  if (!milestone.reminderSentAt)
    return refuse('conflict', 'onboarding.escalation.no-reminder', `milestone ${milestone.id} is escalated only after its reminder`, 'milestoneId');
  if (milestone.escalatedAt)
    return refuse('conflict', 'onboarding.escalation.already-escalated', `milestone ${milestone.id} was escalated on ${milestone.escalatedAt}`, 'milestoneId');
  const today = commandDateOf(command, state.agency);
  const due = escalationDate(milestone.dueDate, state.escalationAfterDays!);
  if (today < due)
    return refuse('conflict', 'onboarding.escalation.not-due', `milestone ${milestone.id} is escalated from ${due}, not on ${today}`, 'milestoneId');
  return accept({
    type: 'OnboardingMilestoneEscalated',
    data: {
      milestoneId: milestone.id,
      dueDate: milestone.dueDate,
      escalatedTo: 'executive-resources-office',
      daysOverdue: lateness(milestone.dueDate, today).daysLate,
    },
    occurredAt: command.at,
  });
};
