import { useState } from 'preact/hooks';
import { post, get, type Problem } from '../api';
import { Loading, ProblemAlert } from '../components/feedback';
import { problemOf, useLoad } from '../components/useLoad';
import { GovBanner } from '../layout';
import { roleName } from '../words';

interface Person {
  id: string;
  name: string | null;
  roles: string[];
}

/** Where to go after sign-in: a path of this application only. */
const safeNext = (next: string | null): string => (next && /^\/(?![/\\])/.test(next) && !next.startsWith('/sign-in') ? next : '/');

/** The embedded default's sign-in: the people of config/users.json, by name and role; choosing one starts a session. */
export const SignInPage = ({ next }: { next: string | null }) => {
  const [people] = useLoad(() => get<{ people: Person[] }>('/auth/people').then((a) => a.body.people), []);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const signIn = async (userId: string) => {
    setBusy(userId);
    setProblem(null);
    try {
      await post('/auth/session', { userId });
      location.assign(safeNext(next));
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(null);
    }
  };
  return (
    <>
      <GovBanner />
      <header class="usa-header usa-header--basic">
        <div class="usa-nav-container">
          <div class="usa-navbar">
            <div class="usa-logo">
              <em class="usa-logo__text">SES Personnel Actions</em>
            </div>
          </div>
        </div>
      </header>
      <main id="main-content" class="grid-container padding-y-4">
        <h1>Sign in to SES Personnel Actions</h1>
        <p class="usa-intro">
          Development sign-in: choose the person to work as. Each person sees only what their roles allow.{' '}
          {next && safeNext(next) !== '/' && (
            <>
              You will return to <code>{safeNext(next)}</code>.
            </>
          )}
        </p>
        {problem && <ProblemAlert problem={problem} />}
        {people.state === 'loading' && <Loading what="the people" />}
        {people.state === 'failed' && <ProblemAlert problem={people.problem} />}
        {people.state === 'ready' && (
          <table class="usa-table usa-table--borderless width-full">
            <caption>People of the embedded default (config/users.json)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">User id</th>
                <th scope="col">Roles</th>
                <th scope="col">
                  <span class="usa-sr-only">Sign in</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.value.map((person) => (
                <tr key={person.id}>
                  <th scope="row">{person.name ?? person.id}</th>
                  <td>
                    <code>{person.id}</code>
                  </td>
                  <td>{person.roles.map(roleName).join(', ')}</td>
                  <td>
                    <button
                      type="button"
                      class="usa-button usa-button--outline margin-0"
                      data-user={person.id}
                      disabled={busy !== null}
                      onClick={() => void signIn(person.id)}
                    >
                      {busy === person.id ? (
                        'Signing in…'
                      ) : (
                        <>
                          Sign in<span class="usa-sr-only"> as {person.name ?? person.id}</span>
                        </>
                      )}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
};
