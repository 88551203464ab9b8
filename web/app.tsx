import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, signInUrl, useCsrfToken, type Problem } from './api';
import { ProblemAlert, Loading } from './components/feedback';
import { problemOf } from './components/useLoad';
import { Layout } from './layout';
import { AppraisalCyclePage, PrbPanelPage } from './pages/appraisal';
import { AuditCasePage } from './pages/auditCase';
import { AuditWorkspacePage } from './pages/audit';
import { CasePage } from './pages/casePage';
import { DelegationPage, DelegationsPage } from './pages/delegations';
import { InboxPage } from './pages/inbox';
import { NotificationsPage } from './pages/notifications';
import type { PageProps } from './pages/pageProps';
import { ReportPage, ReportsPage } from './pages/reports';
import { SignInPage } from './pages/signIn';
import { StartCasePage, StartChooserPage } from './pages/startCase';
import { match, useLocation } from './router';
import { SessionContext, type Session } from './session';

/** Every page: its path, its component and its title (the browser tab and the page's h1 say the same). */
const PAGES: readonly { pattern: string; page: FunctionComponent<PageProps>; title: (params: Record<string, string>) => string }[] = [
  { pattern: '/', page: InboxPage, title: () => 'Inbox' },
  { pattern: '/notifications', page: NotificationsPage, title: () => 'Notifications' },
  { pattern: '/start', page: StartChooserPage, title: () => 'Start a case' },
  { pattern: '/start/:process', page: StartCasePage, title: () => 'Start a case' },
  { pattern: '/:process-cases/:caseId', page: CasePage, title: (p) => `Case ${p.caseId}` },
  { pattern: '/delegations', page: DelegationsPage, title: () => 'Delegations' },
  { pattern: '/delegations/:id', page: DelegationPage, title: (p) => `Delegation ${p.id}` },
  { pattern: '/reports', page: ReportsPage, title: () => 'Reports' },
  { pattern: '/reports/:name', page: ReportPage, title: () => 'Report' },
  { pattern: '/appraisal', page: AppraisalCyclePage, title: () => 'Appraisal cycle, agency-wide' },
  { pattern: '/appraisal/panels/:panelId', page: PrbPanelPage, title: (p) => `PRB panel ${p.panelId}` },
  { pattern: '/audit', page: AuditWorkspacePage, title: () => "Auditor's workspace" },
  { pattern: '/audit/streams/:stream', page: AuditCasePage, title: (p) => `Audit: ${p.stream}` },
];

/** The 403 or 404 the server answered for the page first loaded (the API's own problem document). */
const bootProblem = (): { path: string; problem: Problem } | null => {
  const data = JSON.parse(document.getElementById('ses-boot')?.textContent ?? '{}') as { problem?: Problem };
  return data.problem ? { path: location.pathname, problem: data.problem } : null;
};
const BOOT_PROBLEM = bootProblem();

export const App = () => {
  const location_ = useLocation();
  const [session, setSession] = useState<Session | null | 'loading'>('loading');
  const [sessionProblem, setSessionProblem] = useState<Problem | null>(null);
  const signingIn = location_.path === '/sign-in';

  useEffect(() => {
    if (signingIn) return;
    get<Session>('/auth/session').then(
      ({ body }) => {
        useCsrfToken(body.csrf);
        setSession(body);
      },
      (error: unknown) => {
        const problem = problemOf(error);
        if (problem.status === 401) location.assign(signInUrl());
        else setSessionProblem(problem);
      },
    );
  }, [signingIn]);

  const found = PAGES.map((p) => ({ ...p, params: match(p.pattern, location_.path) })).find((p) => p.params !== null);
  useEffect(() => {
    document.title = `${signingIn ? 'Sign in' : found ? found.title(found.params!) : 'Not found'} | SES Personnel Actions`;
  }, [location_.path]);

  if (signingIn) return <SignInPage next={location_.query.get('next')} />;
  if (sessionProblem)
    return (
      <main id="main-content" class="grid-container padding-y-4">
        <ProblemAlert problem={sessionProblem} />
      </main>
    );
  if (session === 'loading' || session === null)
    return (
      <main id="main-content" class="grid-container padding-y-4">
        <Loading what="your session" />
      </main>
    );

  const served = BOOT_PROBLEM && BOOT_PROBLEM.path === location_.path ? BOOT_PROBLEM.problem : null;
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        {served ? (
          <>
            <h1>{served.status === 403 ? 'Not allowed' : 'Page not found'}</h1>
            <ProblemAlert problem={served} />
          </>
        ) : found ? (
          <found.page params={found.params!} query={location_.query} />
        ) : (
          <>
            <h1>Page not found</h1>
            <ProblemAlert problem={{ title: 'Not found', status: 404, rule: 'not-found', detail: `There is no page ${location_.path}.` }} />
          </>
        )}
      </Layout>
    </SessionContext.Provider>
  );
};
