import type { ReassignmentEvent } from '../reassignment/events';
import type { ReassignmentState } from '../reassignment/state';
import type { Notice } from './notice';
import { caseIdOf, everyone, notice, person, recipients, runTable, silent, subjectPerson, type CaseRef, type NoticeTable } from './table';

// Silent: a detail recorded by HR (it only moves the moratorium; a block it causes is its own event and told).
export const REASSIGNMENT_SILENT_EVENT_TYPES = ['ReassignmentDetailRecorded'] as const;

const name = (ref: CaseRef) => `reassignment case ${ref.caseId}`;
const Name = (ref: CaseRef) => `Reassignment case ${ref.caseId}`;

const executive = (state: ReassignmentState) => subjectPerson(state.executiveId);
const authority = (state: ReassignmentState) => person(state.appointingAuthorityId);
const starter = (state: ReassignmentState) => person(state.start?.startedBy);
const everyoneOnTheCase = (state: ReassignmentState) => recipients(executive(state), authority(state), starter(state));

const REASSIGNMENT_NOTICES: NoticeTable<ReassignmentEvent, ReassignmentState> = {
  ReassignmentProposed: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.proposed',
      to: authority(after),
      subject: `${Name(ref)}: ${e.data.start.kind} reassignment proposed`,
      body: e.data.start.withinCommutingArea
        ? `${Name(ref)} (${e.data.start.kind}, to ${e.data.start.toPositionId}, within the commuting area) was opened on ${ref.on}. Give the executive written notice at least ${e.data.requiredNoticeDays} days before the effective date.`
        : `${Name(ref)} (${e.data.start.kind}, to ${e.data.start.toPositionId}, outside the commuting area) was opened on ${ref.on}. Consult the executive on the reasons and their preferences first, then give written notice with reasons at least ${e.data.requiredNoticeDays} days before the effective date.`,
    }),
  ],
  ReassignmentConsultationRecorded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.consulted',
      to: recipients(executive(after), starter(after)),
      subject: `${Name(ref)}: consultation recorded`,
      body: `The consultation of ${e.data.consultedOn} on the reasons for ${name(ref)} and your preferences is on record. The written notice with reasons follows.`,
    }),
  ],
  ReassignmentConsultationFoundDefective: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.consultation-defective',
      to: everyoneOnTheCase(after),
      subject: `${Name(ref)}: consultation defective, to be repeated`,
      body: `The consultation on ${name(ref)} was found defective on ${ref.on}${e.data.voidedNoticeDate ? `; the notice of ${e.data.voidedNoticeDate} is void` : ''}. The executive is consulted again, and a new notice starts the notice period again.`,
    }),
  ],
  ReassignmentNoticeIssued: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.notice',
      to: recipients(executive(after), starter(after)),
      subject: `${Name(ref)}: takes effect ${e.data.effectiveDate}`,
      body: `Written notice of ${e.data.noticeDate}: the reassignment to ${after.start?.toPositionId ?? '-'} takes effect on ${e.data.effectiveDate} (${e.data.noticeDays} days' notice${e.data.waivedByConsent ? ', shorter notice consented to in writing' : ''}).${after.kind === 'directed' ? ' Declining a directed reassignment is a conduct ground for removal.' : ''}`,
      dueOn: e.data.effectiveDate,
    }),
  ],
  ReassignmentShorterNoticeConsented: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.shorter-notice-consented',
      to: recipients(authority(after), starter(after)),
      subject: `${Name(ref)}: the executive consented to a shorter notice`,
      body: `The executive consented in writing on ${e.data.consentedOn} to a notice shorter than ${after.requiredNoticeDays} days for ${name(ref)}.`,
    }),
  ],
  ReassignmentLeadershipChangeRecorded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.leadership-change',
      to: authority(after),
      subject: `${Name(ref)}: leadership change on ${e.data.effectiveDate}`,
      body: `A ${e.data.trigger === 'new-agency-head' ? 'new agency head' : 'new noncareer supervisor'} took office on ${e.data.effectiveDate}: an involuntary reassignment in ${name(ref)} cannot take effect through ${e.data.moratoriumUntil} unless an exception applies.`,
    }),
  ],
  ReassignmentDetailRecorded: silent,
  ReassignmentBlockedByMoratorium: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.blocked',
      to: recipients(executive(after), authority(after), starter(after), everyone('hr-specialist')),
      subject: `${Name(ref)}: blocked by the moratorium through ${e.data.blockedUntil}`,
      body: `The effective date ${e.data.effectiveDate} of ${name(ref)} falls within the 120-day moratorium, blocked through ${e.data.blockedUntil}. HR sets a new effective date on or after ${e.data.earliestEffectiveDate}.`,
    }),
  ],
  ReassignmentRescheduled: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.rescheduled',
      to: recipients(executive(after), authority(after)),
      subject: `${Name(ref)}: now takes effect ${e.data.effectiveDate}`,
      body: `${Name(ref)} was rescheduled on ${ref.on} from ${e.data.previousEffectiveDate} to ${e.data.effectiveDate}, after the moratorium.`,
      dueOn: e.data.effectiveDate,
    }),
  ],
  ReassignmentEffected: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.effective',
      to: everyoneOnTheCase(after),
      subject: `${Name(ref)}: effective ${e.data.effectiveDate}`,
      body: `The reassignment to ${e.data.toPositionId} took effect on ${e.data.effectiveDate}. The case is closed.`,
    }),
  ],
  ReassignmentDeclined: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.declined',
      to: recipients(authority(after), starter(after), everyone('hr-specialist')),
      subject: `${Name(ref)}: declined, a conduct action follows`,
      body: `The executive declined the directed reassignment on ${ref.on}. The case is closed; refusing a directed reassignment is a conduct ground for removal, to be taken up as its own action.`,
    }),
  ],
  ReassignmentWithdrawn: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'reassignment.withdrawn',
      to: everyoneOnTheCase(after),
      subject: `${Name(ref)}: withdrawn`,
      body: `${Name(ref)} was withdrawn on ${ref.on} by ${e.data.withdrawnBy}. The case is closed; nothing further is due.`,
    }),
  ],
};

/** The notices of one reassignment event (stream `reassignment-<caseId>`). */
export const reassignmentNotices = (event: ReassignmentEvent, before: ReassignmentState, after: ReassignmentState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'reassignment-', after.caseId);
  return runTable(REASSIGNMENT_NOTICES, event, before, after, { caseId, casePath: `/reassignment-cases/${caseId}`, agency: after.agency });
};
