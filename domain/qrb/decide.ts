import { accept, refuse, type Decision } from '../domainError';
import { commandDateOf } from '../agencyTimeZones';
import { addDays } from '../calendar';
import { ecqsOf } from '../ecqFrameworks';
import { policyById, policyForStart, type PolicyVersion } from '../policyVersions';
import { refuseAuditor, refuseStarter } from '../separationOfDuties';
import type { QrbCommand } from './commands';
import type { EvidenceKind } from './evidence';
import { submissionOnRecord, type EcqResult, type QrbEvent } from './events';
import { isQrbClosed, isQrbDecided, pendingVoters, qrbAgency, type QrbState } from './state';

type CommandOf<T extends QrbCommand['type']> = Extract<QrbCommand, { type: T }>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideQrb = (state: QrbState, command: QrbCommand): Decision<QrbEvent> => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  switch (command.type) {
    case 'SubmitQrbCase':
      return submit(state, command);
    case 'ConveneQrbBoard':
      return convene(state, command);
    case 'CastQrbVote':
      return castVote(state, command);
    case 'RemindQrbVoters':
      return remind(state, command);
    case 'ResubmitQrbCase':
      return resubmit(state, command);
    case 'WithdrawQrbCase':
      return withdraw(state, command);
    case 'HandleAgencyHeadTransition':
      return handleTransition(state, command);
    case 'RecordQrbAppointment':
      return recordAppointment(state, command);
    case 'CloseQrbResubmissionWindow':
      return closeResubmissionWindow(state, command);
  }
};

const CLOSED_MESSAGE = (state: QrbState) => `case ${state.caseId} is closed (${state.status}); it takes no more actions`;

const submit = (state: QrbState, command: CommandOf<'SubmitQrbCase'>): Decision<QrbEvent> => {
  const { submission, actor, at } = command;
  if (state.status !== 'NOT_SUBMITTED') {
    return refuse('conflict', 'qrb.submit.already-submitted', `case ${state.caseId} was already submitted on ${state.submittedAt}`);
  }
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'qrb.submit.hr-specialist-only', `only an HR specialist submits a QRB case, not a ${actor.role}`);
  }
  if (actor.id !== submission.submittedBy) {
    return refuse('invalid', 'qrb.submit.submitter-is-actor', `submittedBy must be the acting specialist ${actor.id}`, 'submittedBy');
  }
  if (submission.selectingOfficialId === submission.submittedBy) {
    return refuse(
      'invalid',
      'qrb.submit.separation-of-duties',
      'the selecting official and the submitting HR specialist must be different people',
      'selectingOfficialId',
    );
  }
  // The agency's date of the submission both picks the policy and is the date its window rule checks.
  const submittedOn = commandDateOf(command, submission.position.agency);
  const chosen = policyForStart('qrb.submit', command.policyVersion, submittedOn);
  if (!chosen.ok) return chosen.refusal;
  const { policy } = chosen;
  const windowRefusal = submission.criterion === 'B' ? null : checkSubmissionWindow(submission.position.announcementClosedOn, submittedOn, policy);
  if (windowRefusal) return windowRefusal;
  const ecqFramework = policy.qrb.ecqFramework;
  const evidenceRefusal = checkEvidence(submission.criterion, submission.evidence, policy, ecqsOf(ecqFramework));
  if (evidenceRefusal) return evidenceRefusal;
  return accept({ type: 'QrbCaseSubmitted', data: { submission: submissionOnRecord(submission), policyVersion: policy.id, ecqFramework }, occurredAt: at });
};

/**
 * A Criterion A or C case fills a vacancy: it is submitted within the policy's window after the
 * announcement closed, both dates the agency's. A Criterion B (CDP graduate) case has no vacancy and no window.
 */
const checkSubmissionWindow = (closedOn: string | undefined, submittedOn: string, policy: PolicyVersion): Decision<never> | null => {
  if (closedOn === undefined) {
    return refuse(
      'invalid',
      'qrb.submit.announcement-closing-date-required',
      "a Criterion A or C case fills a vacancy: the announcement's closing date starts its submission window",
      'position.announcementClosedOn',
    );
  }
  if (closedOn > submittedOn) {
    return refuse(
      'invalid',
      'qrb.submit.announcement-still-open',
      `the announcement closes ${closedOn}, after this submission on ${submittedOn}`,
      'position.announcementClosedOn',
    );
  }
  const windowEnds = addDays(closedOn, policy.qrb.submissionWindowDays);
  if (submittedOn > windowEnds) {
    return refuse(
      'invalid',
      'qrb.submit.window-closed',
      `the announcement closed ${closedOn}; the ${policy.qrb.submissionWindowDays}-day submission window under policy ${policy.id} ended ${windowEnds}, before this submission on ${submittedOn}`,
      'position.announcementClosedOn',
    );
  }
  return null;
};

/** The kind of evidence a criterion needs under a policy (the form asks for exactly this). */
export const requiredEvidence = (criterion: 'A' | 'B' | 'C', policy: PolicyVersion): EvidenceKind =>
  criterion === 'A' ? policy.qrb.criterionAEvidence : criterion === 'B' ? 'cdp-certificate' : 'criterion-c-justification';

const checkEvidence = (
  criterion: 'A' | 'B' | 'C',
  evidence: CommandOf<'SubmitQrbCase'>['submission']['evidence'],
  policy: PolicyVersion,
  ecqs: readonly string[],
): Decision<never> | null => {
  const required = requiredEvidence(criterion, policy);
  if (evidence.kind !== required) {
    return refuse(
      'invalid',
      'qrb.submit.evidence-for-criterion',
      `a Criterion ${criterion} case under policy ${policy.id} needs evidence of kind "${required}", not "${evidence.kind}"`,
      'evidence.kind',
    );
  }
  if (evidence.kind === 'ecq-narratives') {
    const missing = ecqs.find((ecq) => !(ecq in evidence.narratives));
    if (missing) {
      return refuse('invalid', 'qrb.submit.narrative-per-ecq', `a narrative for ECQ "${missing}" is required`, `evidence.narratives.${missing}`);
    }
    const unknown = Object.keys(evidence.narratives).find((ecq) => !ecqs.includes(ecq));
    if (unknown) {
      return refuse(
        'invalid',
        'qrb.submit.unknown-ecq',
        `"${unknown}" is not an ECQ of this case's framework (${ecqs.join(', ')})`,
        `evidence.narratives.${unknown}`,
      );
    }
  }
  return null;
};

const convene = (state: QrbState, command: CommandOf<'ConveneQrbBoard'>): Decision<QrbEvent> => {
  const { assignment, actor, at } = command;
  if (isQrbClosed(state)) return refuse('conflict', 'qrb.case-closed', CLOSED_MESSAGE(state));
  if (state.status !== 'SUBMITTED_TO_OPM') {
    return refuse('conflict', 'qrb.board.not-awaiting-board', `a board can be convened only for a case submitted to OPM; this case is ${state.status}`);
  }
  if (actor.role !== 'opm-qrb-staff') {
    return refuse('invalid', 'qrb.board.opm-staff-only', `only OPM QRB staff convene a board, not a ${actor.role}`);
  }
  if (actor.id !== assignment.convenedBy) {
    return refuse('invalid', 'qrb.board.convener-is-actor', `convenedBy must be the acting staff member ${actor.id}`, 'convenedBy');
  }
  const policy = policyById(state.policyVersion ?? '').qrb;
  const { members } = assignment;
  const submission = state.submission!;
  if (members.length !== policy.boardSize) {
    return refuse('invalid', 'qrb.board.size', `a board has exactly ${policy.boardSize} members, not ${members.length}`, 'members');
  }
  for (const [i, member] of members.entries()) {
    const field = `members.${i}`;
    if (members.findIndex((m) => m.id === member.id) !== i) {
      return refuse('invalid', 'qrb.board.distinct-members', `member ${member.id} is listed twice`, `${field}.id`);
    }
    if (member.id === submission.submittedBy || member.id === submission.selectingOfficialId) {
      return refuse(
        'invalid',
        'qrb.board.separation-of-duties',
        `member ${member.id} submitted or selected this candidate and can never sit on the board`,
        `${field}.id`,
      );
    }
    if (state.previousRounds.some((r) => r.board.some((m) => m.id === member.id))) {
      return refuse(
        'invalid',
        'qrb.board.new-board-on-resubmission',
        `member ${member.id} sat on this case's earlier board; a resubmitted case goes to a new board`,
        `${field}.id`,
      );
    }
    if (policy.excludeCandidateAgency && member.agency === submission.candidate.agency) {
      return refuse('invalid', 'qrb.board.own-agency', `member ${member.id} is from the candidate's agency ${member.agency}`, `${field}.agency`);
    }
    if (policy.distinctMemberAgencies && members.findIndex((m) => m.agency === member.agency) !== i) {
      return refuse('invalid', 'qrb.board.distinct-agencies', `each member comes from a different agency; ${member.agency} appears twice`, `${field}.agency`);
    }
  }
  const career = members.filter((m) => m.appointment === 'career').length;
  if (career * 2 <= members.length) {
    return refuse(
      'invalid',
      'qrb.board.career-majority',
      `more than half the members must be career SES appointees; ${career} of ${members.length} are`,
      'members',
    );
  }
  return accept({ type: 'QrbBoardConvened', data: { convenedBy: assignment.convenedBy, members }, occurredAt: at });
};

const castVote = (state: QrbState, command: CommandOf<'CastQrbVote'>): Decision<QrbEvent> => {
  const { vote, actor, at } = command;
  if (state.status === 'ON_HOLD') {
    return refuse('conflict', 'qrb.vote.on-hold', `the case is on hold since ${state.hold?.since} (agency-head transition); votes wait for the release`);
  }
  if (isQrbClosed(state)) return refuse('conflict', 'qrb.case-closed', CLOSED_MESSAGE(state));
  if (isQrbDecided(state)) {
    return refuse(
      'conflict',
      'qrb.vote.case-decided',
      `the case was already decided (${state.status}) on ${state.decision?.decidedAt}; no more votes are taken`,
    );
  }
  if (state.status !== 'BOARD_CONVENED') {
    return refuse('conflict', 'qrb.vote.no-board', `votes are taken once a board is convened; this case is ${state.status}`);
  }
  // The board already excludes the submitter; this says so by rule, whoever they claim to vote as.
  const submitter = refuseStarter('qrb', actor, { id: state.submission!.submittedBy, role: 'hr-specialist' }, command.type);
  if (submitter) return submitter;
  if (actor.role !== 'qrb-member' || actor.id !== vote.memberId) {
    return refuse(
      'invalid',
      'qrb.vote.member-votes-for-self',
      `a vote is cast by the board member themself; ${actor.id} (${actor.role}) cannot vote as ${vote.memberId}`,
      'memberId',
    );
  }
  if (!state.board.some((m) => m.id === vote.memberId)) {
    return refuse('invalid', 'qrb.vote.not-a-board-member', `${vote.memberId} is not a member of this case's board`, 'memberId');
  }
  if (state.votes.some((v) => v.memberId === vote.memberId)) {
    return refuse('conflict', 'qrb.vote.already-voted', `${vote.memberId} has already voted on this case`, 'memberId');
  }
  const unknown = Object.keys(vote.ratings).find((ecq) => !state.ecqs.includes(ecq));
  if (unknown) {
    return refuse('invalid', 'qrb.vote.unknown-ecq', `"${unknown}" is not an ECQ of this case's framework (${state.ecqs.join(', ')})`, `ratings.${unknown}`);
  }
  const missing = state.ecqs.find((ecq) => !(ecq in vote.ratings));
  if (missing) {
    return refuse('invalid', 'qrb.vote.rate-every-ecq', `every ECQ must be rated; "${missing}" is missing`, `ratings.${missing}`);
  }
  const cast: QrbEvent = {
    type: 'QrbVoteCast',
    data: { memberId: vote.memberId, ratings: vote.ratings, ...(vote.comment === undefined ? {} : { comment: vote.comment }) },
    occurredAt: at,
  };
  const ballots = [...state.votes.map((v) => v.ratings), vote.ratings];
  if (ballots.length < state.board.length) return accept(cast);
  return accept(cast, ...tally(state, ballots, at, commandDateOf(command, qrbAgency(state))));
};

/**
 * Majority per ECQ; the case passes only when every ECQ passes (SES-RULES §9). A
 * disapproval returns the case with per-ECQ results and the last day to resubmit,
 * or closes it when no resubmission remains.
 */
const tally = (state: QrbState, ballots: Record<string, string>[], at: string, decidedOn: string): QrbEvent[] => {
  const ecqResults: EcqResult[] = state.ecqs.map((ecq) => {
    const meets = ballots.filter((b) => b[ecq] === 'meets').length;
    return { ecq, meets, doesNotMeet: ballots.length - meets, passed: meets * 2 > ballots.length };
  });
  const failingEcqs = ecqResults.filter((r) => !r.passed).map((r) => r.ecq);
  if (failingEcqs.length === 0) return [{ type: 'QrbCaseApproved', data: { ecqResults }, occurredAt: at }];
  const policy = policyById(state.policyVersion!).qrb;
  const canResubmit = state.round <= policy.maxResubmissions;
  const resubmitBy = canResubmit ? addDays(decidedOn, policy.resubmissionWindowDays) : null;
  const disapproved: QrbEvent = { type: 'QrbCaseDisapproved', data: { ecqResults, failingEcqs, resubmitBy }, occurredAt: at };
  return canResubmit ? [disapproved] : [disapproved, { type: 'QrbCaseClosed', data: { reason: 'disapproved-after-resubmission' }, occurredAt: at }];
};

const remind = (state: QrbState, command: CommandOf<'RemindQrbVoters'>): Decision<QrbEvent> => {
  const pending = pendingVoters(state);
  if (state.status !== 'BOARD_CONVENED' || isQrbDecided(state) || pending.length === 0) {
    return refuse('conflict', 'qrb.reminder.nothing-pending', `no votes are pending on this case (${state.status})`);
  }
  return accept({ type: 'QrbVoteReminderSent', data: { pendingMemberIds: pending }, occurredAt: command.at });
};

const resubmit = (state: QrbState, command: CommandOf<'ResubmitQrbCase'>): Decision<QrbEvent> => {
  const { resubmission, actor, at } = command;
  if (isQrbClosed(state)) return refuse('conflict', 'qrb.case-closed', CLOSED_MESSAGE(state));
  if (state.status !== 'DISAPPROVED' || state.resubmitBy === null) {
    return refuse('conflict', 'qrb.resubmit.not-returned', `only a disapproved case that may still be resubmitted can be; this case is ${state.status}`);
  }
  if (actor.role !== 'hr-specialist' || actor.id !== resubmission.resubmittedBy) {
    return refuse(
      'invalid',
      'qrb.resubmit.hr-specialist-only',
      `an HR specialist resubmits as themself; ${actor.id} (${actor.role}) cannot resubmit as ${resubmission.resubmittedBy}`,
      'resubmittedBy',
    );
  }
  const today = commandDateOf(command, qrbAgency(state));
  if (today > state.resubmitBy) {
    return refuse(
      'conflict',
      'qrb.resubmit.window-closed',
      `the case was returned ${commandDateOf({ ...command, at: state.decision!.decidedAt }, qrbAgency(state))}; resubmissions were taken until ${state.resubmitBy}, not on ${today}`,
    );
  }
  const policy = policyById(state.policyVersion!);
  const evidenceRefusal = checkEvidence(state.submission!.criterion, resubmission.evidence, policy, state.ecqs);
  if (evidenceRefusal) return evidenceRefusal;
  return accept({
    type: 'QrbCaseResubmitted',
    data: { resubmittedBy: resubmission.resubmittedBy, evidence: resubmission.evidence, round: state.round + 1 },
    occurredAt: at,
  });
};

const withdraw = (state: QrbState, command: CommandOf<'WithdrawQrbCase'>): Decision<QrbEvent> => {
  const { withdrawal, actor, at } = command;
  if (state.status === 'NOT_SUBMITTED') return refuse('conflict', 'qrb.withdraw.not-submitted', 'there is no submitted case to withdraw');
  if (isQrbClosed(state)) return refuse('conflict', 'qrb.case-closed', CLOSED_MESSAGE(state));
  if (actor.role !== 'hr-specialist' || actor.id !== withdrawal.withdrawnBy) {
    return refuse(
      'invalid',
      'qrb.withdraw.hr-specialist-only',
      `the agency's HR specialist withdraws a case as themself; ${actor.id} (${actor.role}) cannot withdraw as ${withdrawal.withdrawnBy}`,
      'withdrawnBy',
    );
  }
  return accept({ type: 'QrbCaseWithdrawn', data: { withdrawnBy: withdrawal.withdrawnBy, reason: withdrawal.reason }, occurredAt: at });
};

/** 5 CFR 317.502(d); Criterion B cases are exempt (CHCO transmittal 758). */
const handleTransition = (state: QrbState, command: CommandOf<'HandleAgencyHeadTransition'>): Decision<QrbEvent> => {
  const { transition, actor, at } = command;
  if (actor.role !== 'opm-qrb-staff' || actor.id !== transition.by) {
    return refuse(
      'invalid',
      'qrb.hold.opm-staff-only',
      `only OPM QRB staff, acting as themselves, hold, release or return cases; not ${actor.id} (${actor.role})`,
      'by',
    );
  }
  if (isQrbClosed(state)) return refuse('conflict', 'qrb.case-closed', CLOSED_MESSAGE(state));
  const data = { by: transition.by, reason: transition.reason };
  switch (transition.action) {
    case 'hold':
      if (state.status !== 'SUBMITTED_TO_OPM' && state.status !== 'BOARD_CONVENED') {
        return refuse('conflict', 'qrb.hold.not-pending', `only a case pending before OPM can be held; this case is ${state.status}`);
      }
      if (state.submission?.criterion === 'B') {
        return refuse(
          'invalid',
          'qrb.hold.criterion-b-exempt',
          'Criterion B (CDP graduate) cases are exempt from the agency-head transition moratorium (CHCO transmittal 758)',
        );
      }
      return accept({ type: 'QrbCasePlacedOnHold', data, occurredAt: at });
    case 'release':
    case 'return':
      if (state.status !== 'ON_HOLD') return refuse('conflict', `qrb.hold.not-on-hold`, `the case is not on hold (${state.status})`);
      return accept(
        transition.action === 'release' ? { type: 'QrbHoldReleased', data, occurredAt: at } : { type: 'QrbCaseReturnedUnderHold', data, occurredAt: at },
      );
  }
};

const recordAppointment = (state: QrbState, command: CommandOf<'RecordQrbAppointment'>): Decision<QrbEvent> => {
  const { appointment, actor, at } = command;
  if (state.status === 'APPOINTED') {
    return refuse(
      'conflict',
      'qrb.appointment.already-recorded',
      `appointment ${state.appointment?.appointmentId} was already recorded for this case; a second one is not made`,
    );
  }
  if (state.status !== 'APPROVED')
    return refuse('conflict', 'qrb.appointment.not-approved', `only an approved case leads to an appointment; this case is ${state.status}`);
  if (actor.role !== 'hr-specialist' || actor.id !== appointment.recordedBy) {
    return refuse(
      'invalid',
      'qrb.appointment.hr-specialist-only',
      `an HR specialist records the appointment as themself; not ${actor.id} (${actor.role})`,
      'recordedBy',
    );
  }
  const approvedOn = commandDateOf({ ...command, at: state.decision!.decidedAt }, qrbAgency(state));
  if (appointment.effectiveDate < approvedOn) {
    return refuse(
      'invalid',
      'qrb.appointment.before-approval',
      `the appointment cannot take effect ${appointment.effectiveDate}, before the QRB approval on ${approvedOn}`,
      'effectiveDate',
    );
  }
  return accept({ type: 'QrbAppointmentRecorded', data: { appointment }, occurredAt: at });
};

const closeResubmissionWindow = (state: QrbState, command: CommandOf<'CloseQrbResubmissionWindow'>): Decision<QrbEvent> => {
  if (state.status !== 'DISAPPROVED' || state.resubmitBy === null || commandDateOf(command, qrbAgency(state)) <= state.resubmitBy) {
    return refuse('conflict', 'qrb.resubmit.window-still-open', 'no resubmission window has run out on this case');
  }
  return accept({ type: 'QrbCaseClosed', data: { reason: 'resubmission-window-expired' }, occurredAt: command.at });
};
