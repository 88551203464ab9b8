import { useState } from 'preact/hooks';
import { get, type Problem } from '../api';
import { DifferencesTable } from '../components/auditValue';
import { EXPORT_FORMATS, downloadExport, type ExportFormat } from '../components/auditExport';
import type { AccessEntry } from '../../client/auditor/accessLog';
import { AuditHistory } from '../components/auditHistory';
import { PurposePrompt, storePurpose, storedPurpose } from '../components/auditPurpose';
import { AuditReplay } from '../components/auditReplay';
import { AuditWhatIf } from '../components/auditWhatIf';
import { Empty, Loading, ProblemAlert, Success } from '../components/feedback';
import { ShowMore, usePagedList } from '../components/usePagedList';
import { problemOf, useLoad } from '../components/useLoad';
import { Link } from '../router';
import { useCan } from '../session';
import { CheckpointLine, type CheckpointReport } from '../components/auditCheckpoint';
import { PROCESSES } from '../../domain/processes';
import { instantText, processName, roleName } from '../words';
import type { PageProps } from './pageProps';

interface CaseRead {
  stream: string;
  purpose: string;
}

/** A broken chain (or checkpointed head) names its revision; `ok` is false too when the checkpoints themselves do not hold. */
type VerifyResult = { ok: boolean; stream: string; events?: number; lastHash?: string; brokenRevision?: number; reason?: string; checkpoint: CheckpointReport };

interface LiveComparison {
  stream: string;
  revision: number;
  same: boolean;
  differences: { path: string; replayed: unknown; live: unknown }[];
}

const streamPath = (stream: string, what: string): string => `/audit/streams/${encodeURIComponent(stream)}/${what}`;

const Verify = ({ stream, purpose }: CaseRead) => {
  const [result] = useLoad(() => get<VerifyResult>(streamPath(stream, 'verify'), { purpose }).then((a) => a.body), [stream, purpose]);
  if (result.state === 'loading') return <Loading what="the hash chain" />;
  if (result.state === 'failed') return <ProblemAlert problem={result.problem} />;
  const r = result.value;
  return (
    <div class={`usa-alert ${r.ok ? 'usa-alert--success' : 'usa-alert--error'}`} data-testid="verify">
      <div class="usa-alert__body">
        <h3 class="usa-alert__heading">{r.brokenRevision !== undefined ? `Broken at revision ${r.brokenRevision}` : r.ok ? 'Intact' : 'Checkpoints broken'}</h3>
        {r.brokenRevision === undefined ? (
          <p class="usa-alert__text">
            Each of the {r.events} events links to the one before it and matches its hash. Last hash:{' '}
            <code style={{ overflowWrap: 'anywhere' }}>{r.lastHash}</code>
          </p>
        ) : (
          <p class="usa-alert__text">
            {r.reason}. The events before revision {r.brokenRevision} are intact.
          </p>
        )}
        <CheckpointLine report={r.checkpoint} />
      </div>
    </div>
  );
};

const Compare = ({ stream, purpose }: CaseRead) => {
  const [comparison] = useLoad(() => get<LiveComparison>(streamPath(stream, 'compare'), { purpose }).then((a) => a.body), [stream, purpose]);
  if (comparison.state === 'loading') return <Loading what="the workflow's live state" />;
  if (comparison.state === 'failed') return <ProblemAlert problem={comparison.problem} />;
  const c = comparison.value;
  return (
    <div data-testid="compare">
      <div class={`usa-alert ${c.same ? 'usa-alert--success' : 'usa-alert--warning'}`}>
        <div class="usa-alert__body">
          <h3 class="usa-alert__heading">{c.same ? 'Matching' : `${c.differences.length} difference${c.differences.length === 1 ? '' : 's'}`}</h3>
          <p class="usa-alert__text">
            {c.same
              ? `The case rebuilt from its record through revision ${c.revision} equals the running workflow's own state.`
              : `The case rebuilt from its record through revision ${c.revision} and the running workflow disagree on the fields below.`}
          </p>
        </div>
      </div>
      {!c.same && (
        <DifferencesTable
          caption="Where the record and the workflow disagree"
          left="Rebuilt from the record"
          right="Live workflow"
          rows={c.differences.map((d) => ({ path: d.path, left: d.replayed, right: d.live }))}
        />
      )}
    </div>
  );
};

const Export = ({ stream, purpose }: CaseRead) => {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exportAs = async (format: ExportFormat) => {
    setProblem(null);
    setSaved(null);
    try {
      await downloadExport(new URLSearchParams({ stream }).toString(), format, purpose, stream);
      setSaved(`Saved ${stream}.${format} to your downloads.`);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <>
      <p>
        Every event of the case with its hash chain, to keep or check offline with <code>ses audit verify-export</code>. The export is entered in the access
        log.
      </p>
      <div class="usa-button-group">
        {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
          <button key={format} type="button" class="usa-button" onClick={() => void exportAs(format)}>
            Download {EXPORT_FORMATS[format].label}
          </button>
        ))}
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {saved && <Success>{saved}</Success>}
    </>
  );
};

/** The accounting of disclosures: reading it is not a read of the case, so it needs no purpose. */
const AccessLog = ({ stream }: { stream: string }) => {
  const list = usePagedList<AccessEntry>(streamPath(stream, 'access-log'));
  const entries = list.loaded;
  if (entries.state === 'loading') return <Loading what="the access log" />;
  if (entries.state === 'failed') return <ProblemAlert problem={entries.problem} />;
  if (entries.value.length === 0) return <Empty>Nobody has read or exported this case yet.</Empty>;
  return (
    <>
      <table class="usa-table usa-table--striped usa-table--compact width-full" data-testid="access-log">
        <caption>
          {entries.value.length} read{entries.value.length === 1 ? '' : 's'} and exports of {stream}
          {list.more ? ' so far' : ''}, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Roles</th>
            <th scope="col">What</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {entries.value.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <time dateTime={entry.at}>{instantText(entry.at, { seconds: true })}</time>
              </th>
              <td>
                <code class="text-no-wrap">{entry.personId}</code>
              </td>
              <td>{entry.roles.map(roleName).join(', ')}</td>
              <td>
                <code>{entry.action}</code>
                {entry.streams.length > 1 && (
                  <span class="text-base-dark">
                    {' '}
                    (with {entry.streams.length - 1} other case{entry.streams.length === 2 ? '' : 's'})
                  </span>
                )}
              </td>
              <td>{entry.purpose}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore list={list} what="reads" />
    </>
  );
};

/** The views of a case, in the order an auditor works through them; the view is kept in the address. */
const VIEWS = [
  {
    id: 'history',
    label: 'History',
    intro: 'Each event, oldest first, with what it changed in the case (before → after).',
    show: (read: CaseRead) => <AuditHistory {...read} />,
  },
  {
    id: 'replay',
    label: 'Replay',
    intro: 'The case rebuilt from its events alone, up to a revision or as it stood at an instant.',
    show: (read: CaseRead) => <AuditReplay {...read} />,
  },
  {
    id: 'verify',
    label: 'Verify',
    intro: "The case's hash chain: no event was changed, removed or reordered since it was stored.",
    show: (read: CaseRead) => <Verify {...read} />,
  },
  {
    id: 'compare',
    label: 'Compare with the live workflow',
    intro: 'The case rebuilt from its record against the running workflow’s own answer.',
    show: (read: CaseRead) => <Compare {...read} />,
  },
  {
    id: 'what-if',
    label: 'What-if',
    intro: "The case's recorded inputs re-run under another policy version, beside the record.",
    show: (read: CaseRead) => <AuditWhatIf {...read} />,
  },
  { id: 'export', label: 'Export', intro: 'The case as a file.', show: (read: CaseRead) => <Export {...read} /> },
  {
    id: 'access-log',
    label: 'Access log',
    intro: 'Who read or exported this case, when and why.',
    show: (read: CaseRead) => <AccessLog stream={read.stream} />,
  },
] as const;

/** One case under audit: asks why once, then its history, replay, chain, live comparison, what-if, export and access log. */
export const AuditCasePage = ({ params, query }: PageProps) => {
  const stream = params.stream!;
  const can = useCan();
  // Read on every render, never held in state: another case's purpose is never sent for this one.
  const purpose = storedPurpose(stream);
  const [, setAnswered] = useState(0);
  const answer = (given: string | null) => {
    storePurpose(stream, given);
    setAnswered((n) => n + 1);
  };
  const views = VIEWS.filter((v) => v.id !== 'access-log' || can('audit.access-log'));
  const view = views.find((v) => v.id === query.get('view')) ?? views[0]!;
  const base = `/audit/streams/${encodeURIComponent(stream)}`;
  const process = PROCESSES.find((p) => stream.startsWith(`${p.name}-`))?.name;

  return (
    <>
      <p class="margin-bottom-0">
        <Link href="/audit">Auditor's workspace</Link>
      </p>
      <h1 class="margin-top-1">
        Audit of <span style={{ overflowWrap: 'anywhere' }}>{stream}</span>
      </h1>
      {process && (
        <p class="usa-intro margin-top-0">
          {processName(process)} case {stream.slice(process.length + 1)}
        </p>
      )}
      {purpose === null ? (
        <PurposePrompt key={stream} onAnswer={answer} />
      ) : (
        <>
          <p data-testid="purpose">
            Reading for: <q>{purpose}</q>{' '}
            <button type="button" class="usa-button usa-button--unstyled" onClick={() => answer(null)}>
              Change the purpose
            </button>
          </p>
          <div class="grid-row grid-gap-lg">
            <nav class="tablet:grid-col-3" aria-label="Views of this case">
              <ul class="usa-sidenav">
                {views.map((v) => (
                  <li class="usa-sidenav__item" key={v.id}>
                    <Link href={`${base}?view=${v.id}`} class={v.id === view.id ? 'usa-current' : ''} aria-current={v.id === view.id ? 'page' : undefined}>
                      {v.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <section class="tablet:grid-col-9" aria-labelledby="view-heading">
              <h2 id="view-heading" class="margin-top-0">
                {view.label}
              </h2>
              <p>{view.intro}</p>
              {view.show({ stream, purpose })}
            </section>
          </div>
        </>
      )}
    </>
  );
};
