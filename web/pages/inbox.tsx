import { Empty, Loading, ProblemAlert } from '../components/feedback';
import { ShowMore, usePagedList } from '../components/usePagedList';
import { Link } from '../router';
import { useSession } from '../session';
import { casePath, dayText, instantText, processName, roleName, sentence } from '../words';
import type { PageProps } from './pageProps';

interface Waiting {
  stream: string;
  seq: number;
  process: string;
  caseId: string | null;
  action: string;
  assigneeId: string | null;
  assigneeRole: string;
  dueOn: string | null;
  overdue: boolean;
  note: string;
}

interface Started {
  stream: string;
  process: string;
  caseId: string | null;
  status: string;
  startedAt: string;
  updatedAt: string;
}

/** The fields of the inbox's first page beside the decisions. */
interface InboxHead {
  asOf: string;
}

/** The link that opens one waiting decision on its case's page. */
const decisionPath = (row: { process: string; caseId: string | null; stream: string; action: string }): string =>
  `${casePath(row.process, row.caseId ?? row.stream)}?decide=${encodeURIComponent(row.action)}`;

/** Everyone's first page: the decisions waiting on me (soonest due first, overdue marked) and the cases I started, a page of each at a time. */
export const InboxPage = (_: PageProps) => {
  const session = useSession();
  const waiting = usePagedList<Waiting, InboxHead>('/inbox');
  const started = usePagedList<Started>('/inbox/started');
  return (
    <>
      <h1>Inbox</h1>
      <h2>Waiting on you</h2>
      {waiting.loaded.state === 'loading' && <Loading what="your inbox" />}
      {waiting.loaded.state === 'failed' && <ProblemAlert problem={waiting.loaded.problem} />}
      {waiting.loaded.state === 'ready' &&
        (waiting.loaded.value.length === 0 ? (
          <Empty>
            Nothing is waiting on you{session.person.name ? `, ${session.person.name}` : ''}. Decisions assigned to you or to your roles appear here.
          </Empty>
        ) : (
          <table class="usa-table usa-table--striped width-full" data-testid="waiting">
            <caption>
              {waiting.loaded.value.length} decision{waiting.loaded.value.length === 1 ? '' : 's'}
              {waiting.more ? ' shown' : ''}, soonest due first (as of {instantText(waiting.head?.asOf)})
            </caption>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Decision</th>
                <th scope="col">Case</th>
                <th scope="col">For</th>
                <th scope="col">What it is about</th>
              </tr>
            </thead>
            <tbody>
              {waiting.loaded.value.map((row) => (
                <tr key={`${row.stream}-${row.seq}`}>
                  <td>
                    {dayText(row.dueOn)}
                    {row.overdue && <span class="usa-tag bg-secondary-dark margin-left-1">Overdue</span>}
                  </td>
                  <th scope="row">
                    <Link href={decisionPath(row)}>{sentence(row.action)}</Link>
                  </th>
                  <td>
                    {processName(row.process)} <code>{row.caseId ?? row.stream}</code>
                  </td>
                  <td>{row.assigneeId === null ? `Any ${roleName(row.assigneeRole)}` : `You, as ${roleName(row.assigneeRole)}`}</td>
                  <td>{row.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <ShowMore list={waiting} what="decisions" />
      <h2>Cases you started</h2>
      {started.loaded.state === 'loading' && <Loading what="the cases you started" />}
      {/* When both lists fail (the server out of reach), the problem is said once, above. */}
      {started.loaded.state === 'failed' && waiting.loaded.state !== 'failed' && <ProblemAlert problem={started.loaded.problem} />}
      {started.loaded.state === 'ready' &&
        (started.loaded.value.length === 0 ? (
          <Empty>You have not started any case.</Empty>
        ) : (
          <table class="usa-table usa-table--striped width-full" data-testid="started">
            <caption>The cases you started, oldest first, with their status</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Process</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {started.loaded.value.map((row) => (
                <tr key={row.stream}>
                  <th scope="row">
                    <Link href={casePath(row.process, row.caseId ?? row.stream)}>{row.caseId ?? row.stream}</Link>
                  </th>
                  <td>{processName(row.process)}</td>
                  <td>{sentence(row.status)}</td>
                  <td>{instantText(row.startedAt)}</td>
                  <td>{instantText(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <ShowMore list={started} what="cases" />
    </>
  );
};
