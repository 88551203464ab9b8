import { pendingOnboardingDecisions } from '../../domain/onboarding/pendingDecisions';
import { onboardingDefinition, type OnboardingState } from '../../domain/onboarding';
import type { PendingDecision } from '../../domain/pendingDecision';
import { pendingProbationDecisions } from '../../domain/probation/pendingDecisions';
import { probationDefinition, type ProbationState } from '../../domain/probation';
import { isQrbClosed, type QrbState } from '../../domain/qrb';
import { pendingQrbDecisions } from '../../domain/qrb/pendingDecisions';
import { pendingRotationDecisions } from '../../domain/rotation/pendingDecisions';
import { rotationDefinition, type RotationState } from '../../domain/rotation';
import type { StreamProcess } from '../processOfStream';

/** What every process's state has. */
export interface CaseState {
  status: string;
  caseId: string | null;
}

/** What the read model needs to know of a folded case, per process. */
export interface CaseView<S extends CaseState = CaseState> {
  /** The agency the case belongs to: the hiring agency of a QRB case, the home agency of a rotation. */
  agencyOf: (state: S) => string | null;
  policyVersionOf: (state: S) => string | null;
  isTerminal: (state: S) => boolean;
  pendingDecisions: (state: S) => PendingDecision[];
}

const view = <S extends CaseState>(v: CaseView<S>): CaseView => v as unknown as CaseView;

export const CASE_VIEWS: Record<StreamProcess['name'], CaseView> = {
  qrb: view<QrbState>({
    agencyOf: (s) => s.submission?.position.agency ?? null,
    policyVersionOf: (s) => s.policyVersion,
    isTerminal: isQrbClosed,
    pendingDecisions: pendingQrbDecisions,
  }),
  probation: view<ProbationState>({
    agencyOf: (s) => s.agency,
    policyVersionOf: probationDefinition.policyVersionOf,
    isTerminal: probationDefinition.isTerminal,
    pendingDecisions: pendingProbationDecisions,
  }),
  onboarding: view<OnboardingState>({
    agencyOf: (s) => s.agency,
    policyVersionOf: onboardingDefinition.policyVersionOf,
    isTerminal: onboardingDefinition.isTerminal,
    pendingDecisions: pendingOnboardingDecisions,
  }),
  rotation: view<RotationState>({
    agencyOf: (s) => s.participant?.homeAgency ?? null,
    policyVersionOf: rotationDefinition.policyVersionOf,
    isTerminal: rotationDefinition.isTerminal,
    pendingDecisions: pendingRotationDecisions,
  }),
};
