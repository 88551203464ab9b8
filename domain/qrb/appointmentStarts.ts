import type { OnboardingStart } from '../onboarding';
import type { ProbationStart } from '../probation';
import type { QrbState } from './state';

/**
 * What an appointment after a QRB approval starts: the probationary period and the
 * onboarding program, both under the appointment's id, from the case's facts.
 */
export const appointmentStarts = (state: QrbState): { probation: ProbationStart; onboarding: OnboardingStart } => {
  const { appointment, submission, evidence } = state;
  if (state.status !== 'APPOINTED' || !appointment || !submission) throw new Error(`case ${state.caseId} has no appointment`);
  const common = {
    caseId: appointment.appointmentId,
    executiveId: appointment.executiveId,
    agency: submission.position.agency,
    appointmentEffectiveDate: appointment.effectiveDate,
    startedBy: appointment.recordedBy,
  };
  return {
    probation: {
      ...common,
      criterion: submission.criterion,
      // 317.503(b): a Criterion C probation assesses the development the agency promised.
      ...(evidence?.kind === 'criterion-c-justification' ? { developmentActivities: [evidence.developmentPlan.slice(0, 500)] } : {}),
      priorTenure: appointment.priorTenure,
      supervisorId: appointment.supervisorId,
      appointingAuthorityId: appointment.appointingAuthorityId,
    },
    onboarding: { ...common, reason: 'new-appointment' },
  };
};
