import { useState } from 'preact/hooks';
import type { OnboardingState } from '../../domain/onboarding';
import type { ProbationState } from '../../domain/probation';
import { post } from '../api';
import { DecisionForm } from '../components/decisionForm';
import { SelectInput, errorsFromZod, type FieldErrors } from '../components/fields';
import { SchemaFields, emptyDraft, valueOf, type Draft } from '../components/schemaForm';
import { casePath, dayText, roleName, sentence } from '../words';
import { confirmableMilestones, variantOf, type Acting, type OfferedAction } from './actionCatalog';

/** Labels and hints the schema's field names do not say well (keyed by the form's field paths). */
const hintsFor = (process: string, type: string, state: unknown): Record<string, { label?: string; hint?: string }> => {
  if (process !== 'probation') return {};
  const promised = (state as ProbationState).start?.developmentActivities ?? [];
  return promised.length > 0
    ? { [`${type}.developmentActivitiesAddressed`]: { hint: `Criterion C: every promised activity, one per line: ${promised.join('; ')}` } }
    : {};
};

/** Several forms share a page: each names its fields under its action type (unique ids), the refusals too. */
const underType = (errors: FieldErrors, type: string): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [`${type}.${path}`, message]));

interface ActionFormProps {
  process: string;
  caseId: string;
  state: unknown;
  offered: OfferedAction;
  acting: Acting;
  revision: number;
  onDecided: (type: string) => void;
  onStale: (revision: number) => Promise<string[]>;
}

/**
 * One action on a probation, onboarding or rotation case: its fields drawn from the
 * server's own schema variant, checked in the browser, sent as the person (or their
 * acting official's delegation) with the revision shown.
 */
export const ActionForm = ({ process, caseId, state, offered, acting, revision, onDecided, onStale }: ActionFormProps) => {
  const variant = variantOf(process, offered.type);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(variant));
  const milestones = offered.type === 'ConfirmMilestone' ? confirmableMilestones(state as OnboardingState, acting) : [];
  const actor = { id: acting.id, role: offered.role, ...(acting.kind === 'delegation' ? { delegationId: acting.delegationId } : {}) };

  const prepare = () => {
    const parsed = variant.safeParse({ type: offered.type, ...valueOf(variant, draft) });
    return parsed.success ? { body: { actor, action: parsed.data } } : { errors: errorsFromZod(parsed.error) };
  };

  const { pending } = offered;
  return (
    <DecisionForm
      id={offered.type}
      title={sentence(offered.type)}
      submitLabel={sentence(offered.type)}
      revision={revision}
      fieldPrefix="action."
      description={
        <p>
          {pending ? (
            <>
              <span class="usa-tag margin-right-1">Waiting on you</span>
              {pending.note}
              {pending.dueOn && `; due ${dayText(pending.dueOn)}`}.
            </>
          ) : (
            'Open to you at this status.'
          )}{' '}
          You act as {roleName(offered.role)}
          {acting.kind === 'delegation' ? `, acting for ${acting.from} under delegation ${acting.delegationId}` : ''}.
        </p>
      }
      prepare={prepare}
      send={(body, options) => post(`${casePath(process, caseId)}/actions`, body, options)}
      onDecided={() => {
        setDraft(emptyDraft(variant));
        onDecided(offered.type);
      }}
      onStale={onStale}
    >
      {(refusals) => {
        const errors = underType(refusals, offered.type);
        return (
          <>
            {offered.type === 'ConfirmMilestone' && (
              <SelectInput
                path={`${offered.type}.milestoneId`}
                label="Milestone"
                required
                errors={errors}
                value={String(draft.milestoneId ?? '')}
                onChange={(milestoneId) => setDraft({ ...draft, milestoneId })}
                options={milestones.map((m) => ({ value: m.id, label: `${m.title} (due ${dayText(m.dueDate)})` }))}
              />
            )}
            <SchemaFields
              schema={variant}
              draft={draft}
              onChange={setDraft}
              errors={errors}
              omit={['milestoneId']}
              labels={hintsFor(process, offered.type, state)}
              prefix={offered.type}
            />
          </>
        );
      }}
    </DecisionForm>
  );
};
