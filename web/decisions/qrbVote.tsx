import { QrbVoteSchema } from '../../domain/qrb/commands';
import { DecisionForm } from '../components/decisionForm';
import { RadioGroup, TextInput, type FieldErrors } from '../components/fields';
import { useSession } from '../session';
import { useStoredDraft } from '../start/storedDraft';
import { ecqName, FRAMEWORK_NAMES } from '../start/evidenceFields';
import { dayText } from '../words';
import { draftKey, scoped, sender, type QrbDecisionProps } from './qrbDecisionProps';
import { check } from '../components/useSubmission';

const RATINGS = [
  { value: 'meets', label: 'Meets' },
  { value: 'does-not-meet', label: 'Does not meet' },
];

/** A board member's vote: every ECQ of the case's framework rated, each beside the evidence for it. */
export const QrbVoteForm = ({ caseId, state, revision, onDecided, onStale }: QrbDecisionProps) => {
  const { person } = useSession();
  const [draft, setDraft, clear] = useStoredDraft<{ ratings: Record<string, string>; comment: string }>(draftKey(person.id, caseId, 'CastQrbVote'), () => ({
    ratings: {},
    comment: '',
  }));
  const narratives = state.evidence?.kind === 'ecq-narratives' ? state.evidence.narratives : null;

  const prepare = () => {
    const unrated = state.ecqs.filter((ecq) => !draft.ratings[ecq]);
    if (unrated.length > 0)
      return { errors: Object.fromEntries(unrated.map((ecq) => [`ratings.${ecq}`, 'Rate this ECQ: every ECQ of the framework is rated.'])) as FieldErrors };
    const ratings = Object.fromEntries(state.ecqs.map((ecq) => [ecq, draft.ratings[ecq]]));
    return check(QrbVoteSchema, { memberId: person.id, ratings, ...(draft.comment.trim() ? { comment: draft.comment } : {}) });
  };

  return (
    <DecisionForm
      id="CastQrbVote"
      title="Your vote"
      description={
        <>
          <p>
            You sit on the board of round {state.round}, convened {dayText(state.convenedAt)}. Rate each of the {state.ecqs.length}{' '}
            {FRAMEWORK_NAMES[state.ecqFramework!] ?? state.ecqFramework} on the evidence. An ECQ passes with a majority of the board; the case is approved only
            when every ECQ passes.
          </p>
          <EvidenceBeforeBoard state={state} />
        </>
      }
      submitLabel="Cast my vote"
      revision={revision}
      prepare={prepare}
      send={sender(caseId, 'votes')}
      onDecided={() => {
        clear();
        onDecided();
      }}
      onStale={onStale}
    >
      {(refusals) => {
        const errors = scoped('vote', refusals);
        return (
          <>
            {state.ecqs.map((ecq, index) => (
              <div class="margin-top-2 padding-x-2 padding-bottom-2 border-1px border-base-lighter radius-md" key={ecq} data-ecq={ecq}>
                {narratives?.[ecq] && (
                  <details class="margin-top-2">
                    <summary>The candidate's narrative for {ecqName(ecq)}</summary>
                    <p class="usa-prose margin-top-1" style={{ whiteSpace: 'pre-wrap' }}>
                      {narratives[ecq]}
                    </p>
                  </details>
                )}
                <RadioGroup
                  path={`vote.ratings.${ecq}`}
                  legend={`ECQ ${index + 1}: ${ecqName(ecq)}`}
                  errors={errors}
                  inline
                  bold
                  value={draft.ratings[ecq] ?? ''}
                  onChange={(rating) => setDraft({ ...draft, ratings: { ...draft.ratings, [ecq]: rating } })}
                  options={RATINGS}
                />
              </div>
            ))}
            <TextInput
              path="vote.comment"
              label="Comment"
              hint="Seen by the board, OPM and the agency's HR specialist."
              errors={errors}
              required={false}
              multiline
              value={draft.comment}
              onInput={(comment) => setDraft({ ...draft, comment })}
            />
          </>
        );
      }}
    </DecisionForm>
  );
};

/** What the board reads: the resume, the certificate, or the justification (narratives sit beside their ECQs). */
const EvidenceBeforeBoard = ({ state }: { state: QrbDecisionProps['state'] }) => {
  const evidence = state.evidence;
  if (!evidence || evidence.kind === 'ecq-narratives') return null;
  return (
    <details class="margin-y-2" open>
      <summary class="text-bold">The evidence before the board (Criterion {state.submission?.criterion})</summary>
      <div class="bg-base-lightest padding-2 margin-top-1" data-testid="evidence-before-board">
        {evidence.kind === 'resume-and-interview' && <p style={{ whiteSpace: 'pre-wrap' }}>{evidence.resume}</p>}
        {evidence.kind === 'cdp-certificate' && (
          <p>
            {evidence.programName}, certificate {evidence.certificateId}, completed {dayText(evidence.completedOn)}.
          </p>
        )}
        {evidence.kind === 'criterion-c-justification' && (
          <>
            <h4 class="margin-y-1">Justification</h4>
            <p style={{ whiteSpace: 'pre-wrap' }}>{evidence.justification}</p>
            <h4 class="margin-y-1">Development plan</h4>
            <p style={{ whiteSpace: 'pre-wrap' }}>{evidence.developmentPlan}</p>
          </>
        )}
      </div>
    </details>
  );
};
