import { ProblemAlert } from '../components/feedback';
import { Link } from '../router';
import { useCan } from '../session';
import { PROCESSES } from '../../domain/processes';
import { processName } from '../words';
import { ProcessStartForm } from '../start/processStart';
import { QrbStartForm } from '../start/qrbStart';
import type { PageProps } from './pageProps';

/** Each process an HR specialist starts, in a sentence (a process without one here: its definition's title). */
const WHAT: Record<string, string> = {
  qrb: "Submit a selected candidate's qualifications to OPM's Qualifications Review Board, with the evidence their criterion needs.",
  probation:
    'Open the one-year probationary period of an initial career SES appointment, assessed by the supervisor and certified by the appointing authority.',
  onboarding: "Start a new executive's onboarding program: its milestones from pre-boarding to the end of year one.",
  rotation: "Open a GS-15 participant's case in the rotation pilot: nomination, matching, the home and host agreement, and the assignment.",
  appraisal:
    "Open one executive's annual appraisal for one period: the performance plan, the progress review, the initial rating, the Performance Review Board and the final rating.",
  reassignment:
    'Propose moving a senior executive to another SES position in the agency: the consultation and written notice it needs, and the 120-day moratorium after a leadership change.',
};

/** Every process of the registry, each in a sentence. */
const STARTS = PROCESSES.map(({ name, title }) => ({ process: name, what: (Object.hasOwn(WHAT, name) ? WHAT[name] : undefined) ?? `${title}.` }));

const NOT_ALLOWED = { title: 'Forbidden', status: 403, rule: 'forbidden', detail: 'Only an HR specialist starts a case.' };

export const StartChooserPage = (_: PageProps) => {
  const can = useCan();
  return (
    <>
      <h1>Start a case</h1>
      {!can('case.start') ? (
        <ProblemAlert problem={NOT_ALLOWED} />
      ) : (
        <ul class="usa-card-group margin-top-3">
          {STARTS.map(({ process, what }) => (
            <li class="usa-card tablet:grid-col-6" key={process}>
              <div class="usa-card__container">
                <div class="usa-card__header">
                  <h2 class="usa-card__heading">{processName(process)}</h2>
                </div>
                <div class="usa-card__body">
                  <p>{what}</p>
                </div>
                <div class="usa-card__footer">
                  <Link href={`/start/${process}`} class="usa-button" aria-label={`Start a ${processName(process)} case`}>
                    Start
                  </Link>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

const isProcess = (name: string | undefined): name is string => STARTS.some((p) => p.process === name);

export const StartCasePage = ({ params }: PageProps) => {
  const can = useCan();
  const process = params.process;
  if (!isProcess(process)) {
    return (
      <>
        <h1>Start a case</h1>
        <ProblemAlert
          problem={{ title: 'Not found', status: 404, rule: 'not-found', detail: `There is no process "${process}". Choose one under Start a case.` }}
        />
      </>
    );
  }
  return (
    <>
      <nav class="usa-breadcrumb" aria-label="Breadcrumbs">
        <ol class="usa-breadcrumb__list">
          <li class="usa-breadcrumb__list-item">
            <Link href="/start" class="usa-breadcrumb__link">
              Start a case
            </Link>
          </li>
          <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
            {processName(process)}
          </li>
        </ol>
      </nav>
      <h1>Start a case: {processName(process)}</h1>
      <p class="usa-intro">{STARTS.find((p) => p.process === process)!.what}</p>
      {!can('case.start') ? (
        <ProblemAlert problem={NOT_ALLOWED} />
      ) : process === 'qrb' ? (
        <QrbStartForm />
      ) : (
        <ProcessStartForm key={process} process={process} />
      )}
    </>
  );
};
