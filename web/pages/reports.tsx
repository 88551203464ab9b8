import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get } from '../api';
import { HorizontalBars, Histogram, type Bin } from '../components/barChart';
import { CsvDownload, type CsvColumn } from '../components/csvDownload';
import { Empty, Loading, ProblemAlert } from '../components/feedback';
import { TextInput, type FieldErrors } from '../components/fields';
import { useLoad } from '../components/useLoad';
import { Link, navigate } from '../router';
import { casePath, dayText, instantText, roleName, sentence } from '../words';
import type { PageProps } from './pageProps';
// The rows of GET /reports/{name}: the server's own types (type-only: nothing of the server is bundled).
import type { EcqApprovalRate, OverdueMilestone, ProbationNearEnd, QrbDecisionTime, QrbDecisionTimes } from '../../client/readModel/reports';
import type { OverdueStep, RatingsByLevel } from '../../client/readModel/appraisalView';
import { APPRAISAL_REPORTS, OverduePlansReport, OverdueProgressReviewsReport, RatingsByLevelReport } from './appraisalReports';

/** A table column: its header, the value the CSV gets (raw), and the cell the table shows (formatted; the raw value when absent). */
export interface Column<Row> extends CsvColumn<Row> {
  cell?: (row: Row) => ComponentChildren;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
/** A date kept on one line in a narrow column. */
const day = (iso: string) => <span class="text-no-wrap">{dayText(iso)}</span>;

/** The reports (the names of client/operations.ts REPORTS), in the order the list shows them. */
const REPORTS = {
  'qrb-decision-time': {
    title: 'Time to QRB decision',
    description: 'Calendar days from each submission (or resubmission) to the board’s decision, with their distribution.',
  },
  'ecq-approval-rates': {
    title: 'Approval rate per ECQ',
    description: 'How board members rated each Executive Core Qualification, and how often it passed, over every decided round.',
  },
  'overdue-onboarding-milestones': {
    title: 'Overdue onboarding milestones',
    description: 'Milestones of running onboarding programs not confirmed by their due date, longest overdue first.',
  },
  'probations-near-end': {
    title: 'Probations near their end',
    description: 'Probationary periods still running that end within the coming days, soonest first, with assessment and certification.',
  },
  ...APPRAISAL_REPORTS,
} as const;
type ReportName = keyof typeof REPORTS;
const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORTS, name);

/** The executive-resources office's list: each report with what it tells. */
export const ReportsPage = (_: PageProps) => (
  <>
    <h1>Reports</h1>
    <p class="usa-intro">Each report is a table and a chart, drawn from every case as it stands now, and can be downloaded as CSV.</p>
    <ul class="usa-card-group" data-testid="reports">
      {(Object.keys(REPORTS) as ReportName[]).map((name) => (
        <li class="usa-card tablet:grid-col-6" key={name}>
          <div class="usa-card__container">
            <div class="usa-card__header">
              <h2 class="usa-card__heading">
                <Link href={`/reports/${name}`}>{REPORTS[name].title}</Link>
              </h2>
            </div>
            <div class="usa-card__body">
              <p>{REPORTS[name].description}</p>
            </div>
          </div>
        </li>
      ))}
    </ul>
  </>
);

const DEFAULT_WITHIN_DAYS = 90;

export const ReportPage = ({ params, query }: PageProps) => {
  const name = params.name!;
  if (!isReportName(name)) {
    return (
      <>
        <h1>Report not found</h1>
        <ProblemAlert problem={{ title: 'Not found', status: 404, rule: 'not-found', detail: `There is no report "${name}".` }} />
        <p>
          <Link href="/reports">All reports</Link>
        </p>
      </>
    );
  }
  return <KnownReport name={name} query={query} />;
};

const KnownReport = ({ name, query }: { name: ReportName; query: URLSearchParams }) => {
  const withinDays = name === 'probations-near-end' ? Number(query.get('withinDays') ?? DEFAULT_WITHIN_DAYS) : null;
  const path = `/reports/${name}${withinDays === null ? '' : `?withinDays=${withinDays}`}`;
  const [loaded] = useLoad(() => get<unknown>(path).then((a) => a.body), [path]);
  return (
    <>
      <h1>{REPORTS[name].title}</h1>
      <p class="usa-intro">{REPORTS[name].description}</p>
      <p>
        <Link href="/reports">All reports</Link>
      </p>
      {withinDays !== null && <WithinDaysForm withinDays={withinDays} />}
      {loaded.state === 'loading' && <Loading what="the report" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && <ReportBody name={name} body={loaded.value} withinDays={withinDays ?? DEFAULT_WITHIN_DAYS} />}
    </>
  );
};

/** How far ahead the probations report looks: kept in the address, so the view can be bookmarked and shared. */
const WithinDaysForm = ({ withinDays }: { withinDays: number }) => {
  const [value, setValue] = useState(String(withinDays));
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 3660) {
      setErrors({ withinDays: 'must be a whole number of days from 1 to 3660' });
      return;
    }
    setErrors({});
    navigate(`/reports/probations-near-end?withinDays=${n}`, { replace: true });
  };
  return (
    <form class="usa-form" onSubmit={submit} noValidate>
      <TextInput path="withinDays" label="Ending within (days from today)" type="number" errors={errors} value={value} onInput={setValue} />
      <button type="submit" class="usa-button margin-top-2">
        Show
      </button>
    </form>
  );
};

const ReportBody = ({ name, body, withinDays }: { name: ReportName; body: unknown; withinDays: number }) => {
  switch (name) {
    case 'qrb-decision-time':
      return <QrbDecisionTimeReport data={body as QrbDecisionTimes} />;
    case 'ecq-approval-rates':
      return <EcqApprovalRatesReport rows={body as EcqApprovalRate[]} />;
    case 'overdue-onboarding-milestones':
      return <OverdueMilestonesReport rows={body as OverdueMilestone[]} />;
    case 'probations-near-end':
      return <ProbationsNearEndReport rows={body as ProbationNearEnd[]} withinDays={withinDays} />;
    case 'appraisal-ratings-by-level':
      return <RatingsByLevelReport rows={body as RatingsByLevel[]} />;
    case 'appraisal-overdue-plans':
      return <OverduePlansReport rows={body as OverdueStep[]} />;
    case 'appraisal-overdue-progress-reviews':
      return <OverdueProgressReviewsReport rows={body as OverdueStep[]} />;
  }
};

/** Charts show at most this many bars; the table and the CSV have every row. */
export const MAX_BARS = 30;

/** A report's chart, then its table (the chart's accessible equivalent) with the CSV of the same rows. */
export const ReportView = <Row,>(props: {
  name: ReportName;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  caption: string;
  chartTitle: string;
  chart: ComponentChildren;
  empty: string;
  rowKey: (row: Row) => string;
}) => {
  if (props.rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <>
      <section aria-labelledby="chart-title" class="margin-top-3">
        <h2 id="chart-title">{props.chartTitle}</h2>
        {props.rows.length > MAX_BARS && (
          <p class="text-base-dark">
            The chart shows the first {MAX_BARS}; the table and the CSV have all {props.rows.length}.
          </p>
        )}
        <div class="bg-white border-1px border-base-lighter padding-2">{props.chart}</div>
      </section>
      <section aria-labelledby="table-title" class="margin-top-3">
        <h2 id="table-title">Table</h2>
        <CsvDownload name={props.name} columns={props.columns} rows={props.rows} />
        <table class="usa-table usa-table--striped usa-table--stacked width-full" data-testid="report-table">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((column, index) => {
                  const content = column.cell ? column.cell(row) : column.value(row);
                  // data-label: the header each cell shows when a narrow screen stacks the row.
                  return index === 0 ? (
                    <th scope="row" key={column.header} data-label={column.header}>
                      {content}
                    </th>
                  ) : (
                    <td key={column.header} data-label={column.header}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
};

const QRB_COLUMNS: Column<QrbDecisionTime>[] = [
  {
    header: 'Case',
    value: (r) => r.caseId,
    cell: (r) => (
      <Link href={casePath('qrb', r.caseId)} class="text-no-wrap">
        {r.caseId}
      </Link>
    ),
  },
  { header: 'Agency', value: (r) => r.agency },
  { header: 'Criterion', value: (r) => r.criterion },
  { header: 'Round', value: (r) => r.round },
  { header: 'Submitted', value: (r) => r.submittedAt, cell: (r) => instantText(r.submittedAt) },
  { header: 'Decided', value: (r) => r.decidedAt, cell: (r) => instantText(r.decidedAt) },
  { header: 'Outcome', value: (r) => r.outcome, cell: (r) => sentence(r.outcome) },
  { header: 'Days to decision', value: (r) => r.days },
];

/** Rounds counted by days to decision, in equal bins from 0 through the longest (at least five bins, so one case is not one wall). */
const binsOf = (values: readonly number[]): Bin[] => {
  const longest = Math.max(0, ...values);
  const width = Math.max(1, Math.ceil((longest + 1) / 10));
  const count = Math.max(5, Math.ceil((longest + 1) / width));
  return Array.from({ length: count }, (_, i) => {
    const from = i * width;
    const to = from + width - 1;
    return { label: width === 1 ? days(from) : `${from}–${to} days`, count: values.filter((v) => v >= from && v <= to).length };
  });
};

const QrbDecisionTimeReport = ({ data }: { data: QrbDecisionTimes }) => {
  const { count, meanDays, medianDays } = data.summary;
  return (
    <>
      {count > 0 && (
        <div class="usa-summary-box margin-top-2" role="region" aria-label="Summary">
          <div class="usa-summary-box__body">
            <p class="usa-summary-box__text margin-0" data-testid="summary">
              {count} decided round{count === 1 ? '' : 's'}; mean {meanDays === null ? '—' : days(Math.round(meanDays * 10) / 10)}, median{' '}
              {medianDays === null ? '—' : days(medianDays)}.
            </p>
          </div>
        </div>
      )}
      <ReportView
        name="qrb-decision-time"
        rows={data.rounds}
        columns={QRB_COLUMNS}
        rowKey={(r) => `${r.caseId}-${r.round}`}
        caption={`Decided QRB rounds, in order of decision (${data.rounds.length})`}
        chartTitle="Distribution of days to decision"
        empty="No QRB round has been decided yet."
        chart={
          <Histogram
            summary={`Histogram of ${count} decided QRB rounds by days from submission to decision; median ${medianDays ?? '—'} days. The table below gives each round.`}
            bins={binsOf(data.rounds.map((r) => r.days))}
            xTitle="Days from submission to decision"
            yTitle="Rounds"
          />
        }
      />
    </>
  );
};

const ECQ_COLUMNS: Column<EcqApprovalRate>[] = [
  { header: 'ECQ', value: (r) => r.ecq, cell: (r) => sentence(r.ecq) },
  { header: 'Ratings meets', value: (r) => r.meets },
  { header: 'Ratings does not meet', value: (r) => r.doesNotMeet },
  { header: 'Meets rate', value: (r) => r.meetsRate, cell: (r) => percent(r.meetsRate) },
  { header: 'Rounds passed', value: (r) => r.roundsPassed },
  { header: 'Rounds failed', value: (r) => r.roundsFailed },
];

const EcqApprovalRatesReport = ({ rows }: { rows: EcqApprovalRate[] }) => (
  <ReportView
    name="ecq-approval-rates"
    rows={rows}
    columns={ECQ_COLUMNS}
    rowKey={(r) => r.ecq}
    caption={`Member ratings per ECQ over every decided round (${rows.length} ECQs)`}
    chartTitle="Share of member ratings that meet the ECQ"
    empty="No QRB round has been decided yet, so no ECQ has been rated."
    chart={
      <HorizontalBars
        summary={`Bar chart of the share of member ratings that meet each of ${rows.length} ECQs, from 0 to 100 percent. The table below gives the counts.`}
        bars={rows.slice(0, MAX_BARS).map((r) => ({ label: sentence(r.ecq), value: r.meetsRate, text: percent(r.meetsRate) }))}
        max={1}
        tickText={percent}
        axisTitle="Ratings that meet the ECQ"
      />
    }
  />
);

const MILESTONE_COLUMNS: Column<OverdueMilestone>[] = [
  {
    header: 'Case',
    value: (r) => r.caseId,
    cell: (r) => (
      <Link href={casePath('onboarding', r.caseId)} class="text-no-wrap">
        {r.caseId}
      </Link>
    ),
  },
  { header: 'Agency', value: (r) => r.agency },
  { header: 'Executive', value: (r) => r.executiveId },
  { header: 'Milestone', value: (r) => r.title },
  { header: 'Owner', value: (r) => r.ownerId ?? r.owner, cell: (r) => (r.ownerId ? `${r.ownerId} (${roleName(r.owner)})` : roleName(r.owner)) },
  { header: 'Due', value: (r) => r.dueOn, cell: (r) => day(r.dueOn) },
  { header: 'Days overdue', value: (r) => r.daysOverdue },
  { header: 'Escalated', value: (r) => r.escalated, cell: (r) => yesNo(r.escalated) },
];

const OverdueMilestonesReport = ({ rows }: { rows: OverdueMilestone[] }) => (
  <ReportView
    name="overdue-onboarding-milestones"
    rows={rows}
    columns={MILESTONE_COLUMNS}
    rowKey={(r) => `${r.caseId}-${r.milestoneId}`}
    caption={`Unconfirmed milestones past their due date, longest overdue first (${rows.length})`}
    chartTitle="Days overdue per milestone"
    empty="No onboarding milestone is overdue."
    chart={
      <HorizontalBars
        summary={`Bar chart of days overdue for ${rows.length} onboarding milestones; the longest is ${days(rows[0]?.daysOverdue ?? 0)}. The table below gives each milestone.`}
        bars={rows.slice(0, MAX_BARS).map((r) => ({ label: `${r.caseId}: ${r.title}`, value: r.daysOverdue, text: days(r.daysOverdue) }))}
        axisTitle="Days overdue"
      />
    }
  />
);

const PROBATION_COLUMNS: Column<ProbationNearEnd>[] = [
  {
    header: 'Case',
    value: (r) => r.caseId,
    cell: (r) => (
      <Link href={casePath('probation', r.caseId)} class="text-no-wrap">
        {r.caseId}
      </Link>
    ),
  },
  { header: 'Agency', value: (r) => r.agency },
  { header: 'Executive', value: (r) => r.executiveId },
  { header: 'Supervisor', value: (r) => r.supervisorId },
  { header: 'Appointing authority', value: (r) => r.appointingAuthorityId },
  { header: 'Status', value: (r) => r.status, cell: (r) => sentence(r.status) },
  { header: 'Ends', value: (r) => r.endDate, cell: (r) => day(r.endDate) },
  { header: 'Days left', value: (r) => r.daysLeft },
  { header: 'Assessed', value: (r) => r.assessed, cell: (r) => yesNo(r.assessed) },
  { header: 'Certified', value: (r) => r.certified, cell: (r) => yesNo(r.certified) },
];

const ProbationsNearEndReport = ({ rows, withinDays }: { rows: ProbationNearEnd[]; withinDays: number }) => (
  <ReportView
    name="probations-near-end"
    rows={rows}
    columns={PROBATION_COLUMNS}
    rowKey={(r) => r.caseId}
    caption={`Probationary periods ending within ${days(withinDays)}, soonest first (${rows.length})`}
    chartTitle="Days left in each probationary period"
    empty={`No probationary period ends within ${days(withinDays)}.`}
    chart={
      <HorizontalBars
        summary={`Bar chart of days left for ${rows.length} probationary periods ending within ${days(withinDays)}; the soonest ends in ${days(rows[0]?.daysLeft ?? 0)}. The table below gives each period.`}
        bars={rows.slice(0, MAX_BARS).map((r) => ({ label: `${r.caseId} (${r.executiveId})`, value: r.daysLeft, text: days(r.daysLeft) }))}
        axisTitle="Days left"
      />
    }
  />
);
