import type { StateDifference } from '../../domain/stateDiff';
import type { Actor } from '../../domain/roles';
import { get } from '../api';
import { DifferencesTable } from './auditValue';
import { Loading, ProblemAlert } from './feedback';
import { useLoad } from './useLoad';
import { instantText, roleName, sentence } from '../words';

interface HistoryEntry {
  revision: number;
  type: string;
  occurredAt: string;
  actor: Actor;
  changes: StateDifference[];
}

/** Who acted, in which role, and for whom when under a delegation. */
const ActorText = ({ actor }: { actor: Actor }) => (
  <>
    <code>{actor.id}</code> ({roleName(actor.role)})
    {actor.delegation && (
      <>
        {' '}
        acting for <code>{actor.delegation.from}</code> under delegation <code>{actor.delegation.delegationId}</code>
      </>
    )}
  </>
);

/** Each event of the case, oldest first, with the before → after of every field it changed. */
export const AuditHistory = ({ stream, purpose }: { stream: string; purpose: string }) => {
  const [history] = useLoad(
    () => get<HistoryEntry[]>(`/audit/streams/${encodeURIComponent(stream)}/history`, { purpose }).then((a) => a.body),
    [stream, purpose],
  );
  if (history.state === 'loading') return <Loading what="the case's history" />;
  if (history.state === 'failed') return <ProblemAlert problem={history.problem} />;
  return (
    // Numbered from 0, as revisions are; the items as wide as the view, for the before → after tables.
    <ol class="usa-process-list" style={{ counterReset: 'usa-numbered-list -1' }} data-testid="history">
      {history.value.map((entry) => (
        <li class="usa-process-list__item" style={{ maxWidth: 'none' }} key={entry.revision}>
          <h3 class="usa-process-list__heading">
            Revision {entry.revision}: {sentence(entry.type)}
          </h3>
          <p class="margin-top-05">
            {instantText(entry.occurredAt)} by <ActorText actor={entry.actor} />
          </p>
          {entry.changes.length === 0 ? (
            <p class="text-base-dark">Changed nothing in the case's state.</p>
          ) : (
            <DifferencesTable
              caption={`What revision ${entry.revision} changed (${entry.changes.length} field${entry.changes.length === 1 ? '' : 's'})`}
              left="Before"
              right="After"
              rows={entry.changes.map((change) => ({ path: change.path, left: change.before, right: change.after }))}
            />
          )}
        </li>
      ))}
    </ol>
  );
};
