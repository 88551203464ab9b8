import { useState } from 'preact/hooks';
import { get } from '../api';
import { Histogram } from '../components/barChart';
import { Empty, Loading, ProblemAlert } from '../components/feedback';
import { TextInput, type FieldErrors } from '../components/fields';
import { useLoad } from '../components/useLoad';
import { ShowMore, usePagedList } from '../components/usePagedList';
import { Link, navigate } from '../router';
import { useCan } from '../session';
import { casePath, sentence } from '../words';
import type { PageProps } from './pageProps';
// The server's own types (type-only: nothing of the server is bundled).
import type { PanelExecutive, PrbPanel, RatingCapShare, RatingsByLevel } from '../../client/readModel/appraisalView';

/** The what-if policy the cap meter can be shown under (domain/policyVersions.ts). */
const NO_CAP_WHAT_IF = 'what-if-no-rating-cap';

const LEVEL_NAMES: Record<number, string> = {
  5: 'Level 5: outstanding',
  4: 'Level 4: exceeds fully successful',
  3: 'Level 3: fully successful',
  2: 'Level 2: minimally satisfactory',
  1: 'Level 1: unsatisfactory',
};
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
const level = (n: number | null) => (n === null ? <span class="text-base-dark">not yet</span> : <span title={LEVEL_NAMES[n]}>Level {n}</span>);

const queryOf = (params: Record<string, string | undefined>): string => {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  return query.size > 0 ? `?${query}` : '';
};

/** The executive-resources office's view of the cycle, before and after final ratings: the cap meter, the PRB panels, the distribution. */
export const AppraisalCyclePage = ({ query }: PageProps) => {
  const agency = query.get('agency') ?? undefined;
  const cycle = query.get('cycle') ?? undefined;
  const whatIf = query.get('policyVersion') === NO_CAP_WHAT_IF;
  const scope = { agency, cycle };
  return (
    <>
      <h1>Appraisal cycle, agency-wide</h1>
      <p class="usa-intro">
        The share of Level 4–5 ratings against the cap before final ratings are issued, the Performance Review Board panels and the executives they review, and
        the distribution of final ratings.
      </p>
      <ScopeForm agency={agency ?? ''} cycle={cycle ?? ''} whatIf={whatIf} />
      <CapMeter path={`/appraisal/rating-cap${queryOf({ ...scope, policyVersion: whatIf ? NO_CAP_WHAT_IF : undefined })}`} whatIf={whatIf} />
      <Panels path={`/appraisal/panels${queryOf(scope)}`} />
      <Distribution agency={agency} cycle={cycle} />
    </>
  );
};

/** Which agency and cycle, and whether the cap is on: kept in the address, so the view can be bookmarked and shared. */
const ScopeForm = ({ agency, cycle, whatIf }: { agency: string; cycle: string; whatIf: boolean }) => {
  const [values, setValues] = useState({ agency, cycle, whatIf });
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (values.agency && !/^[A-Z][A-Z0-9]{1,9}$/.test(values.agency)) found.agency = 'must be an agency code of 2-10 capital letters or digits, e.g. DOE';
    if (values.cycle && !/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/.test(values.cycle)) found.cycle = 'must be a cycle name such as FY2026';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    navigate(`/appraisal${queryOf({ agency: values.agency, cycle: values.cycle, policyVersion: values.whatIf ? NO_CAP_WHAT_IF : undefined })}`, {
      replace: true,
    });
  };
  return (
    <form class="usa-form usa-form--large" onSubmit={submit} noValidate aria-label="Agency and cycle">
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-6">
          <TextInput
            path="agency"
            label="Agency (blank: every agency)"
            errors={errors}
            value={values.agency}
            onInput={(v) => setValues({ ...values, agency: v })}
          />
        </div>
        <div class="tablet:grid-col-6">
          <TextInput path="cycle" label="Cycle (blank: every cycle)" errors={errors} value={values.cycle} onInput={(v) => setValues({ ...values, cycle: v })} />
        </div>
      </div>
      <div class="usa-checkbox margin-top-2">
        <input
          class="usa-checkbox__input"
          id="field-whatIf"
          type="checkbox"
          checked={values.whatIf}
          onChange={(e) => setValues({ ...values, whatIf: (e.target as HTMLInputElement).checked })}
        />
        <label class="usa-checkbox__label" for="field-whatIf">
          What-if: show the share without the cap (policy {NO_CAP_WHAT_IF})
        </label>
      </div>
      <button type="submit" class="usa-button margin-top-2">
        Show
      </button>
    </form>
  );
};

/** "Over the cap by 2", "Within the cap", "No cap": the words carry the meaning, the colour only repeats it. */
const standingOf = (s: RatingCapShare): { text: string; tag: string } => {
  if (!s.capApplies) return { text: s.cap === null ? 'No cap under this policy' : `No cap: fewer than ${s.cap.minExecutives} executives`, tag: 'bg-base-dark' };
  if (s.overBy! > 0) return { text: `Over the cap by ${s.overBy}`, tag: 'bg-secondary-dark' };
  return { text: `Within the cap (${s.levels4And5} of ${s.allowed} allowed)`, tag: 'bg-green' };
};

/** One agency's share as a bar on 0-100 %, the cap marked: an image with its own words, the table beside it giving the numbers. */
const ShareBar = ({ s }: { s: RatingCapShare }) => {
  const width = 600;
  const x = (share: number) => 10 + share * (width - 20);
  const summary = `${percent(s.share)} of ${s.rated} rated executives at Levels 4 to 5${s.cap ? `; the cap is ${percent(s.cap.share)}` : '; no cap'}`;
  return (
    <svg role="img" aria-label={summary} viewBox={`0 0 ${width} 52`} width="100%" class="maxw-tablet" data-testid="cap-bar">
      <rect x={10} y={8} width={width - 20} height={22} fill="#dfe1e2" />
      <rect x={10} y={8} width={Math.max(0, x(s.share ?? 0) - 10)} height={22} fill="#005ea2" />
      {s.cap && (
        <>
          <line x1={x(s.cap.share)} x2={x(s.cap.share)} y1={2} y2={36} stroke="#1b1b1b" stroke-width={3} stroke-dasharray="4 2" />
          <text x={x(s.cap.share)} y={49} text-anchor="middle" font-size="12" fill="#1b1b1b">
            cap {percent(s.cap.share)}
          </text>
        </>
      )}
      <text x={10} y={49} font-size="12" fill="#565c65">
        0%
      </text>
      <text x={width - 10} y={49} text-anchor="end" font-size="12" fill="#565c65">
        100%
      </text>
    </svg>
  );
};

const CapMeter = ({ path, whatIf }: { path: string; whatIf: boolean }) => {
  const [loaded] = useLoad(() => get<{ whatIfPolicyVersion: string | null; items: RatingCapShare[] }>(path).then((a) => a.body), [path]);
  return (
    <section aria-labelledby="cap-title" class="margin-top-4">
      <h2 id="cap-title">Levels 4–5 against the cap</h2>
      <p>
        Before final ratings are issued: each executive counts with the final rating, else the board’s recommended level, else the initial rating.
        {whatIf && <strong> What-if: shown under the policy {NO_CAP_WHAT_IF}, without the cap.</strong>}
      </p>
      {loaded.state === 'loading' && <Loading what="the shares" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value.items.length === 0 && <Empty>No appraisal case has been started for this agency and cycle.</Empty>}
      {loaded.state === 'ready' && loaded.value.items.length > 0 && (
        <>
          {loaded.value.items.map((s) => {
            const standing = standingOf(s);
            return (
              <div class="margin-top-2" key={`${s.agency}-${s.cycle}`} data-testid="cap-meter">
                <h3 class="margin-bottom-05">
                  {s.agency}, {s.cycle}:{' '}
                  <span class={`usa-tag ${standing.tag}`} data-testid="cap-standing">
                    {standing.text}
                  </span>
                </h3>
                <ShareBar s={s} />
                <p class="margin-top-05" data-testid="cap-sentence">
                  {s.levels4And5} of {s.rated} rated executives at Levels 4–5 ({percent(s.share)}), {s.levels4And5Final} of them final
                  {s.allowed === null ? '.' : `; the cap allows ${s.allowed}.`}
                </p>
              </div>
            );
          })}
          <table class="usa-table usa-table--striped usa-table--stacked width-full" data-testid="cap-table">
            <caption>Share of Level 4–5 ratings per agency and cycle, finals and ratings not yet final</caption>
            <thead>
              <tr>
                <th scope="col">Agency and cycle</th>
                <th scope="col">Policy</th>
                <th scope="col">Executives</th>
                <th scope="col">Rated (final)</th>
                <th scope="col">Levels 4–5 (final)</th>
                <th scope="col">Share</th>
                <th scope="col">Cap</th>
                <th scope="col">Standing</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.items.map((s) => (
                <tr key={`${s.agency}-${s.cycle}`}>
                  <th scope="row" data-label="Agency and cycle">
                    {s.agency} {s.cycle}
                  </th>
                  <td data-label="Policy">{s.policyVersion ?? '—'}</td>
                  <td data-label="Executives">{s.executives}</td>
                  <td data-label="Rated (final)">
                    {s.rated} ({s.finalRated})
                  </td>
                  <td data-label="Levels 4–5 (final)">
                    {s.levels4And5} ({s.levels4And5Final})
                  </td>
                  <td data-label="Share">{percent(s.share)}</td>
                  <td data-label="Cap">{s.cap ? `${percent(s.cap.share)} from ${s.cap.minExecutives} executives` : 'none'}</td>
                  <td data-label="Standing">{standingOf(s).text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
};

const Panels = ({ path }: { path: string }) => {
  const list = usePagedList<PrbPanel>(path);
  const { loaded } = list;
  return (
    <section aria-labelledby="panels-title" class="margin-top-4">
      <h2 id="panels-title">Performance Review Board panels</h2>
      {loaded.state === 'loading' && <Loading what="the panels" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && loaded.value.length === 0 && <Empty>No PRB panel has been convened for these cases yet.</Empty>}
      {loaded.state === 'ready' && loaded.value.length > 0 && (
        <table class="usa-table usa-table--striped usa-table--stacked width-full" data-testid="panels-table">
          <caption>PRB panels, the executives each reviews and how far it has come</caption>
          <thead>
            <tr>
              <th scope="col">Panel</th>
              <th scope="col">Agency and cycle</th>
              <th scope="col">Members</th>
              <th scope="col">Career majority</th>
              <th scope="col">Executives</th>
              <th scope="col">Recommended</th>
              <th scope="col">Final ratings</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((p) => (
              <tr key={p.panelId}>
                <th scope="row" data-label="Panel">
                  <Link href={`/appraisal/panels/${encodeURIComponent(p.panelId)}`} class="text-no-wrap">
                    {p.panelId}
                  </Link>
                </th>
                <td data-label="Agency and cycle">
                  {p.agency} {p.cycle}
                </td>
                <td data-label="Members">{p.members.map((m) => `${m.id}${m.career ? ' (career)' : ''}`).join(', ')}</td>
                <td data-label="Career majority">{p.careerMajority ? 'Yes' : 'No'}</td>
                <td data-label="Executives">{p.executives}</td>
                <td data-label="Recommended">{p.recommended}</td>
                <td data-label="Final ratings">{p.finalRated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowMore list={list} what="panels" />
    </section>
  );
};

/** The distribution of final ratings in the scope shown (the rows of the report appraisal-ratings-by-level). */
const Distribution = ({ agency, cycle }: { agency: string | undefined; cycle: string | undefined }) => {
  const path = `/appraisal/distribution${queryOf({ agency, cycle })}`;
  const [loaded] = useLoad(() => get<RatingsByLevel[]>(path).then((a) => a.body), [path]);
  const rows = loaded.state === 'ready' ? loaded.value : [];
  const can = useCan();
  const total = (n: 1 | 2 | 3 | 4 | 5) => rows.reduce((sum, r) => sum + r[`level${n}`], 0);
  return (
    <section aria-labelledby="distribution-title" class="margin-top-4">
      <h2 id="distribution-title">Distribution of final ratings</h2>
      {can('reports.read') && (
        <p>
          Also as the report <Link href="/reports/appraisal-ratings-by-level">Final appraisal ratings by level</Link>, with its CSV.
        </p>
      )}
      {loaded.state === 'loading' && <Loading what="the distribution" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && rows.every((r) => r.finalRated === 0) && <Empty>No final rating has been issued for these cases yet.</Empty>}
      {loaded.state === 'ready' && rows.some((r) => r.finalRated > 0) && (
        <>
          <div class="bg-white border-1px border-base-lighter padding-2">
            <Histogram
              summary={`Final ratings by level: ${([1, 2, 3, 4, 5] as const).map((n) => `level ${n}: ${total(n)}`).join(', ')}. The table below gives them per agency and cycle.`}
              bins={([1, 2, 3, 4, 5] as const).map((n) => ({ label: `Level ${n}`, count: total(n) }))}
              xTitle="Final summary rating"
              yTitle="Executives"
            />
          </div>
          <table class="usa-table usa-table--striped usa-table--stacked width-full" data-testid="distribution-table">
            <caption>Final ratings by level per agency and cycle</caption>
            <thead>
              <tr>
                <th scope="col">Agency and cycle</th>
                <th scope="col">Executives</th>
                <th scope="col">Final ratings</th>
                {([5, 4, 3, 2, 1] as const).map((n) => (
                  <th scope="col" key={n}>
                    Level {n}
                  </th>
                ))}
                <th scope="col">Levels 4–5</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.agency}-${r.cycle}`}>
                  <th scope="row" data-label="Agency and cycle">
                    {r.agency} {r.cycle}
                  </th>
                  <td data-label="Executives">{r.executives}</td>
                  <td data-label="Final ratings">{r.finalRated}</td>
                  {([5, 4, 3, 2, 1] as const).map((n) => (
                    <td data-label={`Level ${n}`} key={n}>
                      {r[`level${n}`]}
                    </td>
                  ))}
                  <td data-label="Levels 4–5">{percent(r.levels4And5Share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
};

/** One PRB panel: its members and the executives it reviews, each case's ratings so far. */
export const PrbPanelPage = ({ params }: PageProps) => {
  const panelId = params.panelId!;
  const list = usePagedList<PanelExecutive, PrbPanel>(`/appraisal/panels/${encodeURIComponent(panelId)}`);
  const { loaded, head } = list;
  return (
    <>
      <h1>PRB panel {panelId}</h1>
      <p>
        <Link href="/appraisal">Appraisal cycle, agency-wide</Link>
      </p>
      {loaded.state === 'loading' && <Loading what="the panel" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' && head && (
        <>
          <section aria-labelledby="members-title">
            <h2 id="members-title">
              Members ({head.agency}, {head.cycle})
            </h2>
            <ul class="usa-list" data-testid="panel-members">
              {head.members.map((m) => (
                <li key={m.id}>
                  {m.id}: {m.career ? 'career SES' : 'not career'}
                </li>
              ))}
            </ul>
            <p data-testid="career-majority">
              {head.careerMajority
                ? 'More than half the members are career: the panel may review career appointees.'
                : 'Not more than half the members are career: the panel may not review a career appointee (5 U.S.C. 4314(c)(1)).'}
            </p>
          </section>
          <section aria-labelledby="executives-title" class="margin-top-3">
            <h2 id="executives-title">Executives reviewed ({head.executives})</h2>
            <table class="usa-table usa-table--striped usa-table--stacked width-full" data-testid="panel-executives">
              <caption>The executives panel {panelId} reviews: initial rating, higher-level review, the panel’s recommendation and the final rating</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Executive</th>
                  <th scope="col">Appointment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Initial rating</th>
                  <th scope="col">Higher-level review</th>
                  <th scope="col">PRB recommends</th>
                  <th scope="col">Final rating</th>
                </tr>
              </thead>
              <tbody>
                {loaded.value.map((c) => (
                  <tr key={c.caseId}>
                    <th scope="row" data-label="Case">
                      <Link href={casePath('appraisal', c.caseId)} class="text-no-wrap">
                        {c.caseId}
                      </Link>
                    </th>
                    <td data-label="Executive">{c.executiveId}</td>
                    <td data-label="Appointment">{c.career ? 'Career' : 'Not career'}</td>
                    <td data-label="Status">{sentence(c.status)}</td>
                    <td data-label="Initial rating">{level(c.initialLevel)}</td>
                    <td data-label="Higher-level review">{sentence(c.higherLevelReview)}</td>
                    <td data-label="PRB recommends">{level(c.prbRecommendedLevel)}</td>
                    <td data-label="Final rating">{level(c.finalLevel)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ShowMore list={list} what="executives" />
          </section>
        </>
      )}
    </>
  );
};
