import type { DelegationEvent } from '../delegation/events';
import type { DelegationState } from '../delegation/state';
import type { OnboardingEvent } from '../onboarding/events';
import type { OnboardingState } from '../onboarding/state';
import type { ProbationEvent } from '../probation/events';
import type { ProbationState } from '../probation/state';
import type { QrbEvent } from '../qrb/events';
import type { QrbState } from '../qrb/state';
import type { RotationEvent } from '../rotation/events';
import type { RotationState } from '../rotation/state';
import { DELEGATION_SILENT_EVENT_TYPES, delegationNotices } from './delegationNotices';
import type { Notice } from './notice';
import { ONBOARDING_SILENT_EVENT_TYPES, onboardingNotices } from './onboardingNotices';
import { PROBATION_SILENT_EVENT_TYPES, probationNotices } from './probationNotices';
import { QRB_SILENT_EVENT_TYPES, qrbNotices } from './qrbNotices';
import { ROTATION_SILENT_EVENT_TYPES, rotationNotices } from './rotationNotices';

export * from './notice';
export { QRB_WINDOW_CLOSING_REMINDER_DAYS } from './qrbNotices';

export type NoticeProcess = 'qrb' | 'probation' | 'onboarding' | 'rotation' | 'delegation';

/** Every process's one-file table, typed on its own events and state. */
const TABLES: Record<NoticeProcess, (event: never, before: never, after: never, stream: string) => Notice[]> = {
  qrb: qrbNotices as (event: QrbEvent, before: QrbState, after: QrbState, stream: string) => Notice[],
  probation: probationNotices as (event: ProbationEvent, before: ProbationState, after: ProbationState, stream: string) => Notice[],
  onboarding: onboardingNotices as (event: OnboardingEvent, before: OnboardingState, after: OnboardingState, stream: string) => Notice[],
  rotation: rotationNotices as (event: RotationEvent, before: RotationState, after: RotationState, stream: string) => Notice[],
  delegation: delegationNotices as (event: DelegationEvent, before: DelegationState, after: DelegationState, stream: string) => Notice[],
};

/** The event types of each process that deliberately tell nobody (each process file says why). */
export const SILENT_EVENT_TYPES: Record<NoticeProcess, readonly string[]> = {
  qrb: QRB_SILENT_EVENT_TYPES,
  probation: PROBATION_SILENT_EVENT_TYPES,
  onboarding: ONBOARDING_SILENT_EVENT_TYPES,
  rotation: ROTATION_SILENT_EVENT_TYPES,
  delegation: DELEGATION_SILENT_EVENT_TYPES,
};

/**
 * The notices one stored event gives rise to, from the case state before and after it.
 * Unknown process or event type: []. The shell passes the parsed event and the states
 * folded by the process's own evolve; the stream is `<process>-<caseId>`.
 */
export const noticesFor = (
  /** One of NoticeProcess; any other name (e.g. a process with no table yet) gives []. */
  process: NoticeProcess | (string & {}),
  event: { type: string; data: unknown; occurredAt: string },
  before: unknown,
  after: unknown,
  stream: string,
): Notice[] => {
  if (!Object.hasOwn(TABLES, process)) return [];
  return TABLES[process as NoticeProcess](event as never, before as never, after as never, stream);
};
