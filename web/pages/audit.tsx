import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { AgencyCodeSchema } from '../../domain/agencies';
import { get, type Problem } from '../api';
import { EXPORT_FORMATS, downloadExport, type ExportFormat } from '../components/auditExport';
import { CheckpointLine, type CheckpointReport } from '../components/auditCheckpoint';
import { Empty, Loading, ProblemAlert, Success } from '../components/feedback';
import { SelectInput, TextInput, errorsFromProblem, errorsFromZod, type FieldErrors } from '../components/fields';
import { ShowMore, usePagedList } from '../components/usePagedList';
import { problemOf } from '../components/useLoad';
import { Link, navigate } from '../router';
import { PROCESSES } from '../../domain/processes';
import { instantText, processName } from '../words';
import type { PageProps } from './pageProps';

interface CaseRow {
  stream: string;
  process: string;
  caseId: string | null;
  agency: string | null;
  status: string;
  startedAt: string;
  updatedAt: string;
  lastRevision: number;
}

type StreamCheck = { ok: true; stream: string; events: number } | { ok: false; stream: string; brokenRevision: number; reason: string };

interface VerifyAllReport {
  ok: boolean;
  totals: { streams: number; intact: number; broken: number; eventsVerified: number };
  results: StreamCheck[];
  checkpoint: CheckpointReport;
}

const FILTERS = ['process', 'agency', 'status', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]);
/** The list's filters as the read model checks them: an agency code, ISO days, from not after to. */
const FiltersSchema = z
  .object({ process: z.string(), agency: optional(AgencyCodeSchema), status: z.string(), from: optional(z.iso.date()), to: optional(z.iso.date()) })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must be on or after the "started from" date', path: ['to'] });

const filtersOf = (query: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Filters;

/** The filters that are set, as a query string ("" when none). */
const queryOf = (filters: Filters): string => {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value.trim() !== '')).toString();
  return query ? `?${query}` : '';
};

const auditCasePath = (stream: string): string => `/audit/streams/${encodeURIComponent(stream)}`;

/** The auditor's first page: the cases by filter (kept in the address, so it can be bookmarked), every chain verified, the list exported. */
export const AuditWorkspacePage = ({ query }: PageProps) => {
  const listed = filtersOf(query);
  const listedQuery = queryOf(listed);
  const [filters, setFilters] = useState<Filters>(listed);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Back and forward move between filterings: the form shows the one listed.
  useEffect(() => setFilters(listed), [listedQuery]);
  const list = usePagedList<CaseRow>(`/audit/cases${listedQuery}`);
  const cases = list.loaded;
  useEffect(() => {
    if (cases.state === 'failed') setErrors(errorsFromProblem(cases.problem, 'query.'));
  }, [cases]);

  const set = (name: keyof Filters) => (value: string) => {
    setFilters({ ...filters, [name]: value });
    // A corrected field no longer shows the old refusal.
    if (errors[name]) setErrors(Object.fromEntries(Object.entries(errors).filter(([field]) => field !== name)));
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = FiltersSchema.safeParse(filters);
    setErrors(checked.success ? {} : errorsFromZod(checked.error));
    if (checked.success) navigate(`/audit${queryOf(filters)}`);
  };

  return (
    <>
      <h1>Auditor's workspace</h1>
      <p class="usa-intro">Every case in the store, its hash chain and its history. Opening a case asks why; each read is entered in the case's access log.</p>
      <form class="usa-form maxw-none" onSubmit={submit} noValidate role="search" aria-label="Filter the cases" data-testid="filters">
        <h2>Filter the cases</h2>
        <p class="margin-bottom-0">Every filter is optional; the list shows the cases matching all that are set.</p>
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-3">
            <SelectInput
              path="process"
              label="Process"
              hint="Any of them"
              errors={errors}

              value={filters.process}
              onChange={set('process')}
              placeholder="Every process"
              options={PROCESSES.map(({ name }) => ({ value: name, label: processName(name) }))}
            />
          </div>
          <div class="tablet:grid-col-2">
            <TextInput path="agency" label="Agency" hint='Code, e.g. "DOE"' errors={errors} value={filters.agency} onInput={set('agency')} />
          </div>
          <div class="tablet:grid-col-3">
            <TextInput path="status" label="Status" hint='As recorded, e.g. "APPROVED"' errors={errors} value={filters.status} onInput={set('status')} />
          </div>
          <div class="tablet:grid-col-2">
            <TextInput path="from" label="Started from" hint="On or after" type="date" errors={errors} value={filters.from} onInput={set('from')} />
          </div>
          <div class="tablet:grid-col-2">
            <TextInput path="to" label="Started to" hint="On or before" type="date" errors={errors} value={filters.to} onInput={set('to')} />
          </div>
        </div>
        <button type="submit" class="usa-button margin-top-3">
          Show the cases
        </button>
        {listedQuery && (
          <Link href="/audit" class="usa-button usa-button--unstyled margin-top-3 margin-left-2">
            Clear the filters
          </Link>
        )}
      </form>
      <h2>Cases</h2>
      {cases.state === 'loading' && <Loading what="the cases" />}
      {cases.state === 'failed' && <ProblemAlert problem={cases.problem} />}
      {cases.state === 'ready' &&
        (cases.value.length === 0 ? (
          <Empty>No case matches these filters.</Empty>
        ) : (
          <CaseTable cases={cases.value} filtered={listedQuery !== ''} more={list.more} />
        ))}
      <ShowMore list={list} what="cases" />
      <div class="grid-row grid-gap-lg">
        <div class="tablet:grid-col-6">
          {cases.state === 'ready' && cases.value.length > 0 && <ExportListed query={listedQuery} count={cases.value.length} more={list.more} />}
        </div>
        <div class="tablet:grid-col-6">
          <VerifyEveryStream />
        </div>
      </div>
    </>
  );
};

const CaseTable = ({ cases, filtered, more }: { cases: CaseRow[]; filtered: boolean; more: boolean }) => (
  <table class="usa-table usa-table--striped usa-table--compact width-full" data-testid="cases">
    <caption>
      {cases.length} case{cases.length === 1 ? '' : 's'}
      {filtered ? ' matching the filters' : ''}
      {more ? ' so far' : ''}, oldest first
    </caption>
    <thead>
      <tr>
        <th scope="col">Stream</th>
        <th scope="col">Process</th>
        <th scope="col">Case id</th>
        <th scope="col">Agency</th>
        <th scope="col">Status</th>
        <th scope="col">Started</th>
        <th scope="col">Last revision</th>
      </tr>
    </thead>
    <tbody>
      {cases.map((row) => (
        <tr key={row.stream}>
          <th scope="row">
            <Link href={auditCasePath(row.stream)}>{row.stream}</Link>
          </th>
          <td>{processName(row.process)}</td>
          <td>
            <code>{row.caseId ?? '—'}</code>
          </td>
          <td>{row.agency ?? '—'}</td>
          <td>
            <span class="usa-tag bg-base-lighter text-ink">{row.status}</span>
          </td>
          <td>{instantText(row.startedAt)}</td>
          <td>{row.lastRevision}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** The listed cases as one file, with their hash chains, for checking offline (`ses audit verify-export`). */
const ExportListed = ({ query, count, more }: { query: string; count: number; more: boolean }) => {
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exportAs = async (format: ExportFormat) => {
    setSaved(null);
    setProblem(null);
    if (!purpose.trim()) {
      setErrors({ 'export-purpose': 'Say why you export these cases: each is entered in its access log.' });
      return;
    }
    setErrors({});
    try {
      await downloadExport(query, format, purpose.trim(), `ses-audit-export-${new Date().toISOString().slice(0, 10)}`);
      setSaved(
        more
          ? `Every case matching the filters exported as ${EXPORT_FORMATS[format].label}.`
          : `${count} case${count === 1 ? '' : 's'} exported as ${EXPORT_FORMATS[format].label}.`,
      );
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export the listed cases</h2>
      <p>
        {more ? 'Every case matching the filters (more than the ones shown)' : `The ${count} case${count === 1 ? '' : 's'} listed above`} with every event and
        its hash chain, to check offline with <code>ses audit verify-export</code>.
      </p>
      <form class="usa-form maxw-none" onSubmit={(event) => event.preventDefault()} noValidate>
        <TextInput
          path="export-purpose"
          label="Purpose of the export"
          hint="Entered in each exported case's access log."
          errors={errors}
          value={purpose}
          onInput={setPurpose}
        />
        <div class="usa-button-group margin-top-2">
          {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
            <button key={format} type="button" class="usa-button usa-button--outline" onClick={() => void exportAs(format)}>
              Download {EXPORT_FORMATS[format].label}
            </button>
          ))}
        </div>
      </form>
      {problem && <ProblemAlert problem={problem} />}
      {saved && <Success>{saved}</Success>}
    </section>
  );
};

/** Every stream's hash chain, checked on request (it reads the whole store). */
const VerifyEveryStream = () => {
  const [report, setReport] = useState<VerifyAllReport | 'checking' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const verify = async () => {
    setProblem(null);
    setReport('checking');
    try {
      setReport((await get<VerifyAllReport>('/audit/verify')).body);
    } catch (error) {
      setReport(null);
      setProblem(problemOf(error));
    }
  };
  const broken = report && report !== 'checking' ? report.results.filter((r): r is Extract<StreamCheck, { ok: false }> => !r.ok) : [];
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Hash chains</h2>
      <p>Checks that no stored event was changed, removed or reordered, in every stream of the store.</p>
      <button type="button" class="usa-button" onClick={() => void verify()} disabled={report === 'checking'}>
        Verify every stream
      </button>
      {report === 'checking' && <Loading what="every stream's hash chain" />}
      {problem && <ProblemAlert problem={problem} />}
      {report && report !== 'checking' && (
        <div class={`usa-alert ${report.ok ? 'usa-alert--success' : 'usa-alert--error'} margin-top-2`} role="status" data-testid="verify-all">
          <div class="usa-alert__body">
            <h3 class="usa-alert__heading">
              {report.ok
                ? 'Every stream is intact'
                : report.totals.broken === 0
                  ? 'Checkpoints broken'
                  : `${report.totals.broken} broken stream${report.totals.broken === 1 ? '' : 's'}`}
            </h3>
            <p class="usa-alert__text">
              {report.totals.streams} stream{report.totals.streams === 1 ? '' : 's'} checked: {report.totals.intact} intact, {report.totals.broken} broken;{' '}
              {report.totals.eventsVerified} events verified.
            </p>
            <CheckpointLine report={report.checkpoint} />
          </div>
        </div>
      )}
      {broken.length > 0 && (
        <table class="usa-table usa-table--compact width-full">
          <caption>Broken streams and where each chain breaks first</caption>
          <thead>
            <tr>
              <th scope="col">Stream</th>
              <th scope="col">First broken revision</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {broken.map((result) => (
              <tr key={result.stream}>
                <th scope="row">
                  <Link href={auditCasePath(result.stream)}>{result.stream}</Link>
                </th>
                <td>{result.brokenRevision}</td>
                <td>{result.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
