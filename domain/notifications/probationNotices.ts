import type { ProbationEvent } from '../probation/events';
import type { ProbationState } from '../probation/state';
import type { Notice } from './notice';
import { caseIdOf, everyone, notice, people, person, recipients, runTable, silent, subjectPerson, type CaseRef, type NoticeTable } from './table';

// Silent: ProbationNonpayRecorded (only a day-for-day extension changes a date: ProbationEndDateExtended tells),
// ProbationLeadershipChangeRecorded (the moratorium blocks removals in the decider; no one must act).
export const PROBATION_SILENT_EVENT_TYPES = ['ProbationNonpayRecorded', 'ProbationLeadershipChangeRecorded'] as const;

const name = (ref: CaseRef) => `probationary period ${ref.caseId}`;
const Name = (ref: CaseRef) => `Probationary period ${ref.caseId}`;

/** The case's supervisor and appointing authority now (after a transfer, the new ones). */
const officials = (state: ProbationState) => recipients(person(state.supervisorId), person(state.appointingAuthorityId));
const executive = (state: ProbationState) => subjectPerson(state.executiveId);
const hrStarter = (state: ProbationState) => person(state.start?.startedBy);

const PROBATION_NOTICES: NoticeTable<ProbationEvent, ProbationState> = {
  ProbationStarted: (e, _b, _a, ref) => [
    notice(ref, {
      kind: 'probation.started',
      to: recipients(person(e.data.start.supervisorId), person(e.data.start.appointingAuthorityId)),
      subject: `${Name(ref)}: started, certification due by ${e.data.endDate}`,
      body: `${Name(ref)} runs from ${e.data.start.appointmentEffectiveDate} through ${e.data.endDate}, and you are one of its officials. The supervisor assesses performance, then the appointing authority certifies it in writing, both by ${e.data.endDate}.`,
      dueOn: e.data.endDate,
    }),
  ],
  ProbationNonpayRecorded: silent,
  ProbationEndDateExtended: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.end-date-extended',
      to: recipients(executive(after), officials(after)),
      subject: `${Name(ref)}: now ends ${e.data.endDate}`,
      body: `${Name(ref)} now ends on ${e.data.endDate} (it ended on ${e.data.previousEndDate}): time in nonpay status beyond the days counted extends it day for day. The assessment and the certification are due by ${e.data.endDate}.`,
      dueOn: e.data.endDate,
    }),
  ],
  ProbationerTransferred: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.transferred',
      to: recipients(person(e.data.supervisorId), person(e.data.appointingAuthorityId)),
      subject: `${Name(ref)}: transferred to ${e.data.toAgency}, you are now its official`,
      body: `${Name(ref)} moved from ${e.data.fromAgency} to ${e.data.toAgency} effective ${e.data.effectiveDate}, and you are now one of its officials. The period runs on through ${after.endDate}: the supervisor's assessment and the appointing authority's certification are due by then.`,
      dueOn: after.endDate,
    }),
  ],
  ProbationLeadershipChangeRecorded: silent,
  // The recipients are those the reminder recorded: the supervisor only while no assessment is in.
  ProbationCertificationReminderSent: (e, _b, _a, ref) => [
    notice(ref, {
      kind: 'probation.certification-reminder',
      to: people(e.data.recipientIds),
      subject: `${Name(ref)}: ends ${e.data.endDate}, certification due`,
      body:
        `${Name(ref)} ends on ${e.data.endDate}, in ${e.data.daysBeforeEnd} days. ` +
        (e.data.assessmentSubmitted
          ? `The supervisor's assessment is in: the appointing authority certifies in writing by ${e.data.endDate}.`
          : `The supervisor submits the assessment of performance, then the appointing authority certifies in writing, both by ${e.data.endDate}.`),
      dueOn: e.data.endDate,
    }),
  ],
  ProbationAssessmentSubmitted: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.assessment-submitted',
      to: person(after.appointingAuthorityId),
      subject: `${Name(ref)}: assessment submitted, your decision is due`,
      body: `The supervisor submitted an assessment of performance in ${name(ref)} on ${ref.on}. Review it on the case page and decide by ${after.endDate}${after.status === 'CERTIFICATION_OVERDUE' ? ', the end of the period, which has passed' : ', the end of the period'}.`,
      dueOn: after.endDate,
    }),
  ],
  ProbationCertified: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.certified',
      to: recipients(executive(after), officials(after), hrStarter(after)),
      subject: `${Name(ref)}: certified`,
      body:
        after.status === 'CERTIFIED'
          ? `${Name(ref)} was certified on ${ref.on}. It completes when the period ends on ${after.endDate}; nothing further is due.`
          : `${Name(ref)} was certified on ${ref.on}${e.data.late ? `, after the period ended on ${after.endDate}` : ''}. Nothing further is due.`,
    }),
  ],
  ProbationCertificationOverdue: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.certification-overdue',
      to: recipients(person(after.appointingAuthorityId), person(after.supervisorId), everyone('executive-resources-office')),
      subject: `${Name(ref)}: ended ${e.data.endDate} uncertified`,
      body: `${Name(ref)} ended on ${e.data.endDate} without a certification; it is flagged overdue, never completed on its own. ${
        e.data.assessmentSubmitted
          ? 'The appointing authority certifies in writing now.'
          : 'The supervisor submits the assessment now and the appointing authority then certifies in writing.'
      } The executive-resources office follows up.`,
      dueOn: e.data.endDate,
    }),
  ],
  ProbationCompleted: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.completed',
      to: recipients(executive(after), officials(after), hrStarter(after)),
      subject: `${Name(ref)}: completed`,
      body: `${Name(ref)} is complete: the period ended on ${e.data.endDate} and was certified. Nothing further is due.`,
    }),
  ],
  ProbationRemovalProposed: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.removal-proposed',
      to: recipients(executive(after), person(after.appointingAuthorityId), hrStarter(after)),
      subject: `${Name(ref)}: removal proposed, effective ${e.data.effectiveDate}`,
      body: `A removal was proposed in ${name(ref)} by written notice of ${e.data.noticeDate}.${
        e.data.replyBy ? ` A written reply is due by ${e.data.replyBy}.` : ''
      }${
        e.data.moratoriumException
          ? ` It takes effect within a leadership moratorium on an exception (5 CFR 359.406(c)): the probationer may contest the exception through ${e.data.moratoriumException.contestBy}, and the appointing authority decides it before the effective date.`
          : ''
      } It takes effect on ${e.data.effectiveDate} unless the appointing authority withdraws it first.`,
      dueOn: e.data.moratoriumException?.contestBy ?? e.data.replyBy,
    }),
  ],
  ProbationMoratoriumExceptionDecided: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.moratorium-exception-decided',
      to: recipients(executive(after), person(after.appointingAuthorityId), hrStarter(after)),
      subject: `${Name(ref)}: moratorium exception ${e.data.upheld ? 'upheld' : 'not upheld'}`,
      body: e.data.upheld
        ? `The exception to the leadership moratorium invoked in ${name(ref)} was upheld on ${ref.on}. The removal takes effect on ${after.removal?.effectiveDate} unless withdrawn first.`
        : `The exception to the leadership moratorium invoked in ${name(ref)} was not upheld on ${ref.on}. The proposed removal is withdrawn; the period ends on ${after.endDate}.`,
    }),
  ],
  ProbationCertificationRescinded: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.certification-rescinded',
      to: recipients(executive(after), officials(after), hrStarter(after)),
      subject: `${Name(ref)}: certification rescinded`,
      body: `The certification of ${name(ref)} was rescinded on ${ref.on}, before the period ends on ${after.endDate}. The appointing authority certifies again, or a removal is proposed, by ${after.endDate}.`,
      dueOn: after.endDate,
    }),
  ],
  ProbationRemovalWithdrawn: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.removal-withdrawn',
      to: recipients(executive(after), person(after.appointingAuthorityId), hrStarter(after)),
      subject: `${Name(ref)}: proposed removal withdrawn`,
      body: `The proposed removal in ${name(ref)} was withdrawn on ${ref.on}. The case is ${after.status} again; the period ends on ${after.endDate}.`,
    }),
  ],
  ProbationerRemoved: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'probation.removed',
      to: recipients(executive(after), officials(after), hrStarter(after)),
      subject: `${Name(ref)}: removal effective ${e.data.effectiveDate}`,
      body: `The removal in ${name(ref)} took effect on ${e.data.effectiveDate}. The case is closed; nothing further is due on it.`,
    }),
  ],
};

/** The notices of one probation event (stream `probation-<caseId>`). */
export const probationNotices = (event: ProbationEvent, before: ProbationState, after: ProbationState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'probation-', after.caseId);
  return runTable(PROBATION_NOTICES, event, before, after, { caseId, casePath: `/probation-cases/${caseId}` });
};
