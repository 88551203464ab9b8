import { instantText } from '../words';

/** Which signed checkpoint a verification stood on (GET /audit/verify, …/verify), as the API reports it. */
export interface CheckpointReport {
  source: 'store' | 'given';
  ok: boolean;
  sequence?: number;
  createdAt?: string;
  problem?: string;
  note?: string;
}

/** One line under a verification: anchored to checkpoint #n, not yet anchored, or what does not hold about the checkpoints. */
export const CheckpointLine = ({ report }: { report: CheckpointReport }) => (
  <p class="usa-alert__text" data-testid="checkpoint">
    {!report.ok
      ? `The signed checkpoints do not hold: ${report.problem}.`
      : report.sequence === undefined
        ? `Not anchored: ${report.note}.`
        : `Anchored to signed checkpoint #${report.sequence} of ${instantText(report.createdAt)}: every stream's head it holds is still there, unchanged.`}
  </p>
);
