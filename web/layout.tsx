import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { post } from './api';
import { Link, useLocation } from './router';
import { useCan, useSession } from './session';
import { roleName } from './words';

/** The official-site banner every federal site carries; its explanation opens on request. */
export const GovBanner = () => {
  const [open, setOpen] = useState(false);
  return (
    <section class="usa-banner" aria-label="Official website of the United States government">
      <div class="usa-accordion">
        <header class="usa-banner__header">
          <div class="usa-banner__inner">
            <div class="grid-col-auto">
              <img aria-hidden="true" class="usa-banner__header-flag" src="/assets/uswds/img/us_flag_small.png" alt="" />
            </div>
            <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
              <p class="usa-banner__header-text">An official website of the United States government</p>
              <p class="usa-banner__header-action">Here’s how you know</p>
            </div>
            <button
              type="button"
              class="usa-accordion__button usa-banner__button"
              aria-expanded={open}
              aria-controls="gov-banner"
              onClick={() => setOpen(!open)}
            >
              <span class="usa-banner__button-text">Here’s how you know</span>
            </button>
          </div>
        </header>
        <div class="usa-banner__content usa-accordion__content" id="gov-banner" hidden={!open}>
          <div class="grid-row grid-gap-lg">
            <div class="usa-banner__guidance tablet:grid-col-6">
              <div class="usa-media-block__body">
                <p>
                  <strong>Official websites use .gov</strong>
                  <br />A <strong>.gov</strong> website belongs to an official government organization in the United States.
                </p>
              </div>
            </div>
            <div class="usa-banner__guidance tablet:grid-col-6">
              <div class="usa-media-block__body">
                <p>
                  <strong>Secure .gov websites use HTTPS</strong>
                  <br />A <strong>lock</strong> or <strong>https://</strong> means you’ve safely connected to the .gov website. Share sensitive information only
                  on official, secure websites.
                </p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
};

/** The primary navigation: only the pages the person's roles can use. */
const useNavigation = (): { href: string; label: string }[] => {
  const can = useCan();
  return [
    { href: '/', label: 'Inbox' },
    ...(can('case.start') ? [{ href: '/start', label: 'Start a case' }] : []),
    { href: '/notifications', label: 'Notifications' },
    ...(can('delegation.grant') || can('delegation.read') ? [{ href: '/delegations', label: 'Delegations' }] : []),
    ...(can('reports.read') ? [{ href: '/reports', label: 'Reports' }] : []),
    ...(can('appraisal.agency-view') ? [{ href: '/appraisal', label: 'Appraisal cycle' }] : []),
    ...(can('audit.read') ? [{ href: '/audit', label: "Auditor's workspace" }] : []),
  ];
};

const isCurrent = (href: string, path: string): boolean => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));

export const Layout = ({ children }: { children: ComponentChildren }) => {
  const session = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = async () => {
    await post('/auth/sign-out', {}).catch(() => undefined);
    location.assign('/sign-in');
  };
  return (
    <>
      <GovBanner />
      <div class={`usa-overlay${menuOpen ? ' is-visible' : ''}`} onClick={() => setMenuOpen(false)} />
      <header class="usa-header usa-header--basic">
        <div class="usa-nav-container">
          <div class="usa-navbar">
            <div class="usa-logo">
              <em class="usa-logo__text">
                <Link href="/" title="SES Personnel Actions: inbox">
                  SES Personnel Actions
                </Link>
              </em>
            </div>
            <button type="button" class="usa-menu-btn" onClick={() => setMenuOpen(true)}>
              Menu
            </button>
          </div>
          <nav aria-label="Primary navigation" class={`usa-nav${menuOpen ? ' is-visible' : ''}`}>
            <button type="button" class="usa-nav__close" onClick={() => setMenuOpen(false)}>
              <img src="/assets/uswds/img/usa-icons/close.svg" role="img" alt="Close" />
            </button>
            <ul class="usa-nav__primary usa-accordion">
              {useNavigation().map((item) => (
                <li class="usa-nav__primary-item" key={item.href}>
                  <Link
                    href={item.href}
                    class={`usa-nav-link${isCurrent(item.href, path) ? ' usa-current' : ''}`}
                    aria-current={isCurrent(item.href, path) ? 'page' : undefined}
                    onClick={() => setMenuOpen(false)}
                  >
                    <span>{item.label}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <section aria-label="Signed-in person" class="bg-base-lightest border-bottom-1px border-base-lighter">
        <div class="grid-container display-flex flex-justify flex-align-center padding-y-1 flex-wrap">
          <p class="margin-0 font-sans-2xs" data-testid="signed-in">
            Signed in as <strong>{session.person.name ?? session.person.id}</strong> <span class="text-base-dark">({session.person.id})</span> ·{' '}
            {session.person.roles.map(roleName).join(', ')}
          </p>
          <button type="button" class="usa-button usa-button--unstyled font-sans-2xs" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </section>
      <main id="main-content" class="grid-container padding-bottom-6" tabIndex={-1}>
        {children}
      </main>
      <footer class="usa-footer usa-footer--slim">
        <div class="usa-footer__primary-section">
          <div class="grid-container padding-y-2 font-sans-3xs">
            SES personnel actions: QRB certification, onboarding, rotation, probation, reassignment and the annual appraisal. Integrations: the{' '}
            <a href="/docs">HTTP API</a> and the <code>ses</code> command line.
          </div>
        </div>
      </footer>
    </>
  );
};
