import { QrbWithdrawalSchema } from '../../domain/qrb/commands';
import { DecisionForm } from '../components/decisionForm';
import { TextInput } from '../components/fields';
import { useSession } from '../session';
import { useStoredDraft } from '../start/storedDraft';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

/** The agency's HR specialist withdraws the case: it ends, and takes no more decisions. */
export const QrbWithdrawForm = ({ caseId, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const [draft, setDraft, clear] = useStoredDraft(draftKey(person.id, caseId, 'WithdrawQrbCase'), () => ({ reason: '' }));
  return (
    <DecisionForm
      id="WithdrawQrbCase"
      title="Withdraw the case"
      description={<p>Withdrawing ends the case for good: no board decides it and it cannot be reopened.</p>}
      submitLabel="Withdraw the case"
      ending
      revision={revision}
      prepare={() => check(QrbWithdrawalSchema, { withdrawnBy: person.id, reason: draft.reason })}
      send={sender(caseId, 'withdrawal')}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => {
        const errors = scoped('withdrawal', refusals);
        return (
          <TextInput
            path="withdrawal.reason"
            label="Reason for withdrawing"
            errors={errors}
            required
            multiline
            value={draft.reason}
            onInput={(reason) => setDraft({ reason })}
          />
        );
      }}
    </DecisionForm>
  );
};
