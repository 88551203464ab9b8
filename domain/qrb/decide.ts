import { accept, refuse, type Decision } from '../domainError';
import { ecqsOf } from '../ecqFrameworks';
import { policyById, policyInForceOn, type PolicyVersion } from '../policyVersions';
import type { QrbCommand } from './commands';
import type { EvidenceKind } from './evidence';
import type { EcqResult, QrbEvent } from './events';
import { isQrbDecided, pendingVoters, type QrbState } from './state';

type CommandOf<T extends QrbCommand['type']> = Extract<QrbCommand, { type: T }>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideQrb = (state: QrbState, command: QrbCommand): Decision<QrbEvent> => {
  switch (command.type) {
    case 'SubmitQrbCase':
      return submit(state, command);
    case 'ConveneQrbBoard':
      return convene(state, command);
    case 'CastQrbVote':
      return castVote(state, command);
    case 'RemindQrbVoters':
      return remind(state, command);
  }
};

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
  const policy = command.policyVersion === undefined ? policyInForceOn(at) : policyById(command.policyVersion);
  const ecqFramework = policy.qrb.ecqFramework;
  const evidenceRefusal = checkEvidence(submission.criterion, submission.evidence, policy, ecqsOf(ecqFramework));
  if (evidenceRefusal) return evidenceRefusal;
  return accept({ type: 'QrbCaseSubmitted', data: { submission, policyVersion: policy.id, ecqFramework }, occurredAt: at });
};

const requiredEvidence = (criterion: 'A' | 'B' | 'C', policy: PolicyVersion): EvidenceKind =>
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
      return refuse('invalid', 'qrb.submit.unknown-ecq', `"${unknown}" is not an ECQ of this case's framework (${ecqs.join(', ')})`, `evidence.narratives.${unknown}`);
    }
  }
  return null;
};

const convene = (state: QrbState, command: CommandOf<'ConveneQrbBoard'>): Decision<QrbEvent> => {
  const { assignment, actor, at } = command;
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
    if (policy.excludeCandidateAgency && member.agency === submission.candidate.agency) {
      return refuse('invalid', 'qrb.board.own-agency', `member ${member.id} is from the candidate's agency ${member.agency}`, `${field}.agency`);
    }
    if (policy.distinctMemberAgencies && members.findIndex((m) => m.agency === member.agency) !== i) {
      return refuse('invalid', 'qrb.board.distinct-agencies', `each member comes from a different agency; ${member.agency} appears twice`, `${field}.agency`);
    }
  }
  const career = members.filter((m) => m.appointment === 'career').length;
  if (career * 2 <= members.length) {
    return refuse('invalid', 'qrb.board.career-majority', `more than half the members must be career SES appointees; ${career} of ${members.length} are`, 'members');
  }
  return accept({ type: 'QrbBoardConvened', data: { convenedBy: assignment.convenedBy, members }, occurredAt: at });
};

const castVote = (state: QrbState, command: CommandOf<'CastQrbVote'>): Decision<QrbEvent> => {
  const { vote, actor, at } = command;
  if (isQrbDecided(state)) {
    return refuse('conflict', 'qrb.vote.case-decided', `the case was already decided (${state.status}) on ${state.decision?.decidedAt}; no more votes are taken`);
  }
  if (state.status !== 'BOARD_CONVENED') {
    return refuse('conflict', 'qrb.vote.no-board', `votes are taken once a board is convened; this case is ${state.status}`);
  }
  if (actor.role !== 'qrb-member' || actor.id !== vote.memberId) {
    return refuse('invalid', 'qrb.vote.member-votes-for-self', `a vote is cast by the board member themself; ${actor.id} (${actor.role}) cannot vote as ${vote.memberId}`, 'memberId');
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
  return accept(cast, tally(state.ecqs, ballots, at));
};

/** Majority per ECQ; the case passes only when every ECQ passes (SES-RULES §9). */
const tally = (ecqs: string[], ballots: Record<string, string>[], at: string): QrbEvent => {
  const ecqResults: EcqResult[] = ecqs.map((ecq) => {
    const meets = ballots.filter((b) => b[ecq] === 'meets').length;
    return { ecq, meets, doesNotMeet: ballots.length - meets, passed: meets * 2 > ballots.length };
  });
  const failingEcqs = ecqResults.filter((r) => !r.passed).map((r) => r.ecq);
  return failingEcqs.length === 0
    ? { type: 'QrbCaseApproved', data: { ecqResults }, occurredAt: at }
    : { type: 'QrbCaseDisapproved', data: { ecqResults, failingEcqs }, occurredAt: at };
};

const remind = (state: QrbState, command: CommandOf<'RemindQrbVoters'>): Decision<QrbEvent> => {
  const pending = pendingVoters(state);
  if (state.status !== 'BOARD_CONVENED' || pending.length === 0) {
    return refuse('conflict', 'qrb.reminder.nothing-pending', `no votes are pending on this case (${state.status})`);
  }
  return accept({ type: 'QrbVoteReminderSent', data: { pendingMemberIds: pending }, occurredAt: command.at });
};
