import { policyById } from '../../domain/policyVersions';
import { QrbResubmissionSchema } from '../../domain/qrb/commands';
import { requiredEvidence } from '../../domain/qrb/decide';
import { DecisionForm } from '../components/decisionForm';
import { useSession } from '../session';
import { EVIDENCE_NAMES, EvidenceFields, ecqName, evidenceDraftOf, evidenceOf } from '../start/evidenceFields';
import { useStoredDraft } from '../start/storedDraft';
import { dayText } from '../words';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

/** After a disapproval, the HR specialist revises the evidence and sends the case to a new board. */
export const QrbResubmitForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const kind = requiredEvidence(state.submission!.criterion, policyById(state.policyVersion!));
  // The revision starts from what the board saw.
  const [draft, setDraft, clear] = useStoredDraft(draftKey(person.id, caseId, `ResubmitQrbCase-${state.round}`), () => evidenceDraftOf(state.evidence));
  const failing = state.decision?.failingEcqs ?? [];

  return (
    <DecisionForm
      id="ResubmitQrbCase"
      title="Resubmit to a new board"
      description={
        <>
          <p>
            The board found {failing.length === 1 ? 'this ECQ' : 'these ECQs'} not met: <span class="text-bold">{failing.map(ecqName).join('; ')}</span>. Revise
            the evidence ({EVIDENCE_NAMES[kind]}) and resubmit by <span class="text-bold">{dayText(state.resubmitBy)}</span>; a new board, with none of the
            earlier members, decides it. Resubmitted by you.
          </p>
        </>
      }
      submitLabel="Resubmit the case"
      revision={revision}
      prepare={() => check(QrbResubmissionSchema, { resubmittedBy: person.id, evidence: evidenceOf(kind, state.ecqs, draft) })}
      send={sender(caseId, 'resubmission')}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => (
        <EvidenceFields
          kind={kind}
          ecqs={state.ecqs}
          draft={draft}
          onChange={setDraft}
          errors={scoped('resubmission', refusals)}
          prefix="resubmission.evidence"
        />
      )}
    </DecisionForm>
  );
};
