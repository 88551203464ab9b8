import { dateOf, startOfDay } from '../../domain/calendar';
import type { RecordedEvent } from '../../domain/eventEnvelope';
import { escalationAt, nextOnboardingTimer, overdueAt, type OnboardingState } from '../../domain/onboarding';
import type { PendingDecision } from '../../domain/pendingDecision';
import { probationTimersAhead, type ProbationState } from '../../domain/probation';
import { replay } from '../../domain/processDefinition';
import type { QrbState } from '../../domain/qrb';
import { nextQrbTimer } from '../../domain/qrb/timers';
import { nextRotationTimer, type RotationState } from '../../domain/rotation';
import { STREAM_PROCESSES, type StreamProcess } from '../processOfStream';
import { CASE_VIEWS, type CaseState } from './caseViews';

/** A timer the case still waits for, or a date ahead in its state (an end date): when, and what happens then. */
export interface Ahead {
  kind: string;
  dueAt: string;
  note: string;
}

/** One recorded event as a case page shows it: what, when, who; never its data. */
export interface TimelineEvent {
  revision: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string; actingFor?: string };
}

export interface CaseTimeline {
  stream: string;
  revision: number;
  status: string;
  /** The instant `pending[].overdue` is judged at (the server's clock). */
  asOf: string;
  events: TimelineEvent[];
  pending: (PendingDecision & { overdue: boolean })[];
  ahead: Ahead[];
  policyVersion: string | null;
}

/** The workflow's own timers ahead (domain/probation/timers.ts), in words; with a removal pending, the end date stays ahead should it be withdrawn. */
const probationAhead = (state: ProbationState): Ahead[] => {
  const end = state.endDate!;
  const timers = probationTimersAhead(state).map((timer): Ahead => {
    switch (timer.kind) {
      case 'certification-reminder':
        return { kind: timer.kind, dueAt: timer.dueAt, note: `certification reminder, ${timer.daysBeforeEnd} days before the end date ${end}` };
      case 'end-of-period':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: `the period ends after ${end}: completed if certified, else flagged as overdue for certification`,
        };
      case 'removal-effective':
        return { kind: timer.kind, dueAt: timer.dueAt, note: `the proposed removal (${state.removal!.ground}) takes effect unless withdrawn` };
    }
  });
  return state.status === 'REMOVAL_PROPOSED' ? [...timers, { kind: 'end-date', dueAt: startOfDay(end), note: 'last day of the probationary period' }] : timers;
};

/** Each unconfirmed milestone's next timer (the earliest of them is the workflow's next). */
const onboardingAhead = (state: OnboardingState): Ahead[] => {
  if (nextOnboardingTimer(state) === null) return [];
  return state.milestones
    .filter((m) => m.confirmation === null && m.escalatedAt === null)
    .map((m) =>
      m.reminderSentAt
        ? {
            kind: 'milestone-escalation',
            dueAt: escalationAt(m.dueDate, state.escalationAfterDays!),
            note: `${m.id}: escalated to the executive-resources office unless confirmed`,
          }
        : {
            kind: 'milestone-reminder',
            dueAt: overdueAt(m.dueDate),
            note: `${m.id} (${m.title}): due ${m.dueDate}; a reminder to the ${m.owner} if not confirmed by then`,
          },
    );
};

const rotationAhead = (state: RotationState): Ahead[] => {
  const next = nextRotationTimer(state);
  if (next === null) return [];
  const end: Ahead = {
    kind: 'end-of-rotation',
    dueAt: startOfDay(state.endDate!),
    note: `the rotation ends ${state.endDate}: the host supervisor evaluates it`,
  };
  return next.kind === 'midpoint-check-in-due'
    ? [{ kind: next.kind, dueAt: next.dueAt, note: `the mid-point check-in falls due (${state.midpointDate})` }, end]
    : [end];
};

const qrbAhead = (state: QrbState): Ahead[] => {
  const next = nextQrbTimer(state);
  if (next === null) return [];
  return next.kind === 'vote-reminder'
    ? [{ kind: next.kind, dueAt: next.dueAt, note: `reminder ${next.reminder} to the members who have not voted in round ${next.round}` }]
    : [{ kind: next.kind, dueAt: next.dueAt, note: `the resubmission window closes after ${state.resubmitBy}` }];
};

const AHEAD: Record<StreamProcess['name'], (state: never) => Ahead[]> = {
  qrb: qrbAhead,
  probation: probationAhead,
  onboarding: onboardingAhead,
  rotation: rotationAhead,
};

/**
 * A case as its page draws it, folded from its stored events with the very evolve the
 * workflow runs (pure: the same events give the same answer): each event's type, time
 * and actor, who must act next, and what the workflow still waits for.
 */
export const caseTimeline = (process: StreamProcess['name'], stream: string, events: readonly RecordedEvent[], asOf: string): CaseTimeline => {
  const definition = STREAM_PROCESSES.find((p) => p.name === process)!;
  const state = replay(definition as never, events) as CaseState;
  const view = CASE_VIEWS[process]!;
  const today = dateOf(asOf);
  return {
    stream,
    revision: events.length - 1,
    status: state.status,
    asOf,
    events: events.map(({ revision, type, meta: { occurredAt, actor } }) => ({
      revision,
      type,
      occurredAt,
      actor: { id: actor.id, role: actor.role, ...(actor.delegation ? { actingFor: actor.delegation.from } : {}) },
    })),
    pending: view.pendingDecisions(state).map((p) => ({ ...p, overdue: p.dueOn !== null && p.dueOn < today })),
    ahead: (AHEAD[process]! as (state: CaseState) => Ahead[])(state).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0)),
    policyVersion: view.policyVersionOf(state),
  };
};
