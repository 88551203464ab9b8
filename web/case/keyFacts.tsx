import type { OnboardingState } from '../../domain/onboarding';
import type { ProbationState } from '../../domain/probation';
import type { QrbState } from '../../domain/qrb';
import type { ReassignmentState } from '../../domain/reassignment';
import type { RotationState } from '../../domain/rotation';
import { dayText, instantText, sentence } from '../words';

type Fact = [label: string, value: string | null | undefined];

const FACTS: Record<string, (state: never) => Fact[]> = {
  qrb: (s: QrbState) => [
    ['Candidate', s.submission?.candidate.name],
    ['Position', s.submission ? `${s.submission.position.title} (${s.submission.position.agency})` : null],
    ['Criterion', s.submission?.criterion],
    ['ECQ framework', s.ecqFramework],
    ['Round', String(s.round)],
    ['Submitted', instantText(s.submittedAt)],
    ['Board convened', s.convenedAt ? instantText(s.convenedAt) : null],
    ['Resubmission window until', s.resubmitBy ? dayText(s.resubmitBy) : null],
  ],
  probation: (s: ProbationState) => [
    ['Executive', s.executiveId],
    ['Agency', s.agency],
    ['Criterion', s.criterion],
    ['Appointment effective', dayText(s.appointmentEffectiveDate)],
    ['Period ends', dayText(s.endDate)],
    ['Nonpay days', s.nonpayDays > 0 ? String(s.nonpayDays) : null],
    ['Supervisor', s.supervisorId],
    ['Appointing authority', s.appointingAuthorityId],
  ],
  onboarding: (s: OnboardingState) => [
    ['Executive', s.executiveId],
    ['Agency', s.agency],
    ['Appointment effective', dayText(s.appointmentEffectiveDate)],
    ['Supervisor', s.supervisorId ?? 'not assigned yet'],
    ['Mentor', s.mentorId],
    ['Coach', s.coachId],
    ['Milestones confirmed', `${s.milestones.filter((m) => m.confirmation).length} of ${s.milestones.length}`],
  ],
  rotation: (s: RotationState) => [
    ['Participant', s.participant?.id],
    ['Home agency', s.participant?.homeAgency],
    ['Cohort', s.cohortId],
    ['Host', s.match ? `${s.match.assignmentTitle} (${s.match.hostAgency})` : null],
    ['Host supervisor', s.match?.hostSupervisorId],
    ['Starts', s.startDate ? dayText(s.startDate) : null],
    ['Mid-point', s.midpointDate ? dayText(s.midpointDate) : null],
    ['Ends', s.endDate ? dayText(s.endDate) : null],
  ],
  reassignment: (s: ReassignmentState) => [
    ['Executive', s.executiveId],
    ['Agency', s.agency],
    ['Reassignment', s.kind === null ? null : `${s.kind} to ${s.start?.toPositionId}, ${s.withinCommutingArea ? 'within' : 'outside'} the commuting area`],
    ['Appointing authority', s.appointingAuthorityId],
    ['Follows the unsatisfactory rating of', s.followsUnsatisfactoryRating?.appraisalCaseId],
    ['Notice given', s.notice ? dayText(s.notice.noticeDate) : null],
    ['Effective', s.effectiveDate ? dayText(s.effectiveDate) : null],
    ['Blocked by the moratorium through', s.block ? dayText(s.block.blockedUntil) : null],
  ],
};

/** The facts of the case a person checks first, in a USWDS summary box. */
export const KeyFacts = ({ process, state, policyVersion }: { process: string; state: unknown; policyVersion: string | null }) => {
  const facts = [...(FACTS[process]?.(state as never) ?? []), ['Policy version', policyVersion] as Fact].filter(
    (f): f is [string, string] => Boolean(f[1]) && f[1] !== '—',
  );
  return (
    <div class="usa-summary-box" role="region" aria-labelledby="key-facts-heading" data-testid="key-facts">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="key-facts-heading">
          Key facts
        </h2>
        <dl class="usa-summary-box__text grid-row grid-gap margin-0">
          {facts.map(([label, value]) => (
            <div key={label} class="mobile-lg:grid-col-6 tablet:grid-col-3 margin-bottom-1">
              <dt class="text-bold">{label}</dt>
              <dd class="margin-left-0">{label === 'ECQ framework' ? sentence(value) : value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
};
