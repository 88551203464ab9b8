import type { RotationEvent } from '../rotation/events';
import type { RotationState, RotationStatus } from '../rotation/state';
import type { Addressee, Notice } from './notice';
import { caseIdOf, count, everyone, notice, person, recipients, runTable, silent, subjectPerson, type CaseRef, type NoticeTable } from './table';

// Silent: RotationMidpointCheckInRecorded (the host supervisor recorded it; nothing falls due on it).
export const ROTATION_SILENT_EVENT_TYPES = ['RotationMidpointCheckInRecorded'] as const;

const name = (ref: CaseRef) => `rotation case ${ref.caseId}`;
const Name = (ref: CaseRef) => `Rotation case ${ref.caseId}`;

const participant = (state: RotationState) => subjectPerson(state.participant?.id);
/** The home agency's official of the case: who signed for the home side, else who nominated, else any home-agency official. */
const homeOfficial = (state: RotationState): Addressee[] => {
  const id = state.signatures.home?.officialId ?? state.nomination?.nominatedBy;
  return id ? person(id) : everyone('home-agency-official');
};
/** The host agency's official of the case: who signed for the host side, else any host-agency official (only once matched). */
const hostOfficial = (state: RotationState): Addressee[] => {
  if (state.signatures.host) return person(state.signatures.host.officialId);
  return state.match ? everyone('host-agency-official') : [];
};
const hostSupervisor = (state: RotationState) => person(state.match?.hostSupervisorId);
/** The participant and the officials on both sides. */
const peopleOfTheCase = (state: RotationState) => recipients(participant(state), homeOfficial(state), hostOfficial(state), hostSupervisor(state));

const AFTER_NOMINATION: readonly RotationStatus[] = ['NOMINATED', 'MATCHED', 'AGREEMENT_SIGNED'];

const ROTATION_NOTICES: NoticeTable<RotationEvent, RotationState> = {
  RotationCaseOpened: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.cohort-called',
      to: participant(after),
      subject: `${Name(ref)}: cohort ${e.data.start.cohortId} called`,
      body: `${Name(ref)} was opened for you on ${ref.on} on the call for cohort ${e.data.start.cohortId}. To take part, submit your statement of interest with your resume and the ECQs you want to develop.`,
    }),
  ],
  RotationStatementOfInterestSubmitted: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.interest-submitted',
      to: everyone('home-agency-official'),
      subject: `${Name(ref)}: statement of interest submitted`,
      body: `The participant in ${name(ref)} (home agency ${after.participant?.homeAgency ?? '-'}) submitted a statement of interest on ${ref.on}. A home-agency official nominates the participant next, with the supervisor's concurrence.`,
    }),
  ],
  RotationParticipantNominated: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.nominated',
      to: recipients(participant(after), everyone('opm-rotation-team')),
      subject: `${Name(ref)}: nominated, a host match is next`,
      body: `The participant in ${name(ref)} was nominated by the home agency (${after.participant?.homeAgency ?? '-'}) on ${ref.on}. The OPM rotation team or a host-agency official matches a host assignment next.`,
    }),
  ],
  RotationHostMatched: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.host-matched',
      to: peopleOfTheCase(after),
      subject: `${Name(ref)}: matched with ${e.data.hostAgency}, the agreement is to be signed`,
      body: `${Name(ref)} was matched on ${ref.on} with a host assignment at ${e.data.hostAgency}. The home and host agency officials each sign the home/host agreement next; the participant may decline the match.`,
    }),
  ],
  RotationMatchDeclined: (e, before, after, ref) => [
    notice(ref, {
      kind: 'rotation.match-declined',
      to: recipients(everyone('opm-rotation-team'), homeOfficial(after), hostSupervisor(before)),
      subject: `${Name(ref)}: host match declined`,
      body: `The participant in ${name(ref)} declined the host match at ${e.data.hostAgency} on ${ref.on}. The case is back awaiting a host match.`,
    }),
  ],
  RotationAgreementSigned: (e, _b, after, ref) => {
    if (e.data.inForce) {
      return [
        notice(ref, {
          kind: 'rotation.agreement-in-force',
          to: peopleOfTheCase(after),
          subject: `${Name(ref)}: agreement in force, the start date is to be set`,
          body: `Both agencies have signed the home/host agreement of ${name(ref)}; it is in force since ${ref.on}. A home- or host-agency official sets the start date next.`,
        }),
      ];
    }
    const other = e.data.side === 'home' ? 'host' : 'home';
    return [
      notice(ref, {
        kind: 'rotation.agreement-awaiting-signature',
        to: other === 'home' ? homeOfficial(after) : hostOfficial(after),
        subject: `${Name(ref)}: the ${other} agency's signature is awaited`,
        body: `The ${e.data.side} agency signed the home/host agreement of ${name(ref)} on ${ref.on}. The ${other} agency's official signs the same terms next.`,
      }),
    ];
  },
  RotationStarted: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.started',
      to: peopleOfTheCase(after),
      subject: `${Name(ref)}: starts ${e.data.startDate}, ends ${e.data.endDate}`,
      body: `${Name(ref)} starts on ${e.data.startDate} and ends on ${e.data.endDate} (${count(e.data.rotationMonths, 'month')}). The host supervisor's mid-point check-in is due on ${e.data.midpointDate}.`,
    }),
  ],
  RotationMidpointCheckInDue: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.midpoint-check-in-due',
      to: recipients(hostSupervisor(after), participant(after), homeOfficial(after), hostOfficial(after)),
      subject: `${Name(ref)}: mid-point check-in due ${e.data.midpointDate}`,
      body: `The mid-point check-in of ${name(ref)} is due on ${e.data.midpointDate}. The host supervisor records it on the case page; the rotation ends on ${after.endDate}.`,
      dueOn: e.data.midpointDate,
    }),
  ],
  RotationMidpointCheckInRecorded: silent,
  RotationExtended: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.extended',
      to: peopleOfTheCase(after),
      subject: `${Name(ref)}: extended to ${e.data.endDate}`,
      body: `${Name(ref)} was extended by ${count(e.data.months, 'month')} on ${ref.on}, with the home agency's consent: it now ends on ${e.data.endDate} (it ended on ${e.data.previousEndDate}). The completion evaluation follows the new end date.`,
    }),
  ],
  RotationPeriodEnded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.period-ended',
      to: recipients(peopleOfTheCase(after), everyone('opm-rotation-team')),
      subject: `${Name(ref)}: the rotation period ended ${e.data.endDate}`,
      body: `The period of ${name(ref)} ended on ${e.data.endDate}. The host supervisor submits the completion evaluation next; a home-agency official then confirms the participant's return home.`,
    }),
  ],
  RotationCompletionEvaluated: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.evaluated',
      to: homeOfficial(after),
      subject: `${Name(ref)}: evaluated, the return home is to be confirmed`,
      body: `The host supervisor submitted the completion evaluation of ${name(ref)} on ${ref.on}. A home-agency official confirms the participant's return home next (on or after ${after.endDate}).`,
    }),
  ],
  RotationParticipantReturnedHome: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.returned-home',
      to: recipients(peopleOfTheCase(after), everyone('opm-rotation-team')),
      subject: `${Name(ref)}: returned home, complete`,
      body: `The participant in ${name(ref)} returned to the home agency on ${e.data.returnedOn}; the rotation is complete. Nothing further is due.`,
    }),
  ],
  // The event names no recipient: the home official comes from the state, the HR specialist is the one who opened the case.
  RotationTerminatedEarly: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'rotation.terminated-early',
      to: recipients(
        homeOfficial(after),
        person(after.openedBy),
        participant(after),
        hostOfficial(after),
        hostSupervisor(after),
        everyone('opm-rotation-team'),
      ),
      subject: `${Name(ref)}: ended early`,
      body: `${Name(ref)} was ended early on ${ref.on} by the ${e.data.side} agency, before its end date ${after.endDate}. The participant returns to the home agency (${after.participant?.homeAgency ?? '-'}); the case is closed.`,
    }),
  ],
  // Only those the case had reached: the HR specialist, the home official once nominated, the host side once matched.
  RotationWithdrawn: (e, before, _a, ref) => [
    notice(ref, {
      kind: 'rotation.withdrawn',
      to: recipients(
        person(before.openedBy),
        before.nomination ? homeOfficial(before) : [],
        AFTER_NOMINATION.includes(e.data.fromStatus as RotationStatus) ? everyone('opm-rotation-team') : [],
        hostOfficial(before),
        hostSupervisor(before),
      ),
      subject: `${Name(ref)}: the participant withdrew`,
      body: `The participant withdrew from ${name(ref)} on ${ref.on}, at step ${e.data.fromStatus}. The case is closed; nothing further is due on it.`,
    }),
  ],
};

/** The notices of one rotation event (stream `rotation-<caseId>`). */
export const rotationNotices = (event: RotationEvent, before: RotationState, after: RotationState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'rotation-', after.caseId);
  return runTable(ROTATION_NOTICES, event, before, after, { caseId, casePath: `/rotation-cases/${caseId}` });
};
