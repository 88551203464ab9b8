/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { suite, type Test } from 'uvu';
import * as assert from 'uvu/assert';
import { startApiUnderTest, type ApiUnderTest } from './apiUnderTest';
import { startTestStack, type TestStack } from './testStack';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const NO_CHROMIUM_MESSAGE =
  "Browser tests skipped: no Chromium on this machine. Install Debian's (`sudo apt-get update && sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary; .ci/run installs it.";

/** A Chromium on this machine: CHROMIUM_PATH, else Debian's or Google's; null when there is none. */
export const chromiumPath = (): string | null => {
  const configured = process.env.CHROMIUM_PATH;
  const found = configured ? (existsSync(configured) ? configured : null) : (CANDIDATES.find((path) => existsSync(path)) ?? null);
  // CI installs one and sets REQUIRE_BROWSER=1: there a missing Chromium fails the tests instead of skipping them.
  if (!found && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${NO_CHROMIUM_MESSAGE}`);
  return found;
};

/** Where the README's screenshots go when UPDATE_SCREENSHOTS=1 (else a throwaway folder). */
const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'docs', 'screenshots') : join(process.env.TMPDIR ?? '/tmp', 'ses-screenshots');

export interface WebUnderTest {
  stack: TestStack;
  api: ApiUnderTest;
  browser: Browser;
  /** A browser window of its own (own cookies) signed in as the person, with the session the sign-in page would start. */
  signedIn(userId: string): Promise<Page>;
  /** A browser window with no session. */
  anonymous(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The real stack (time-skipping Temporal, worker, SQLite store, the API serving the pages) and a real Chromium. */
export const startWebUnderTest = async (options: { env?: Record<string, string> } = {}): Promise<WebUnderTest> => {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  // The pages date things (a delegation in force, a form's default day) by the browser's clock: the server keeps the wall clock's hour.
  const stack = await startTestStack({ wallClockHour: true });
  const api = await startApiUnderTest(stack, { env: options.env });
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  const newContext = async (): Promise<Page> => {
    // bypassCSP only so the tests can inject axe-core; the pages themselves run under the CSP.
    const context = await browser.newContext({ baseURL: api.base, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    // A hang detector, not a speed check: with two test files on two cores (TEST_JOBS) a page under
    // load took over 20 s to show what it then showed (web.qrb in a CI run; passing alone).
    context.setDefaultTimeout(60_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  };
  return {
    stack,
    api,
    browser,
    anonymous: newContext,
    async signedIn(userId) {
      const page = await newContext();
      // The session starts as the sign-in page's button starts it, without loading that page first
      // (about 0.8 s a window, measured; web.signIn clicks through the page itself).
      const session = await page.request.post('/auth/session', { data: { userId } });
      if (!session.ok()) throw new Error(`sign-in as ${userId}: HTTP ${session.status()} ${await session.text()}`);
      await page.goto('/');
      await page.getByTestId('signed-in').waitFor();
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await api.stop();
      await stack.stop();
    },
  };
};

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands: no violation, or the assertion names each. */
export const assertAccessible = async (page: Page, what: string): Promise<void> => {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
  const violations = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(options)}).then((result) => result.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ') + ')'))`,
  )) as string[];
  assert.equal(violations, [], `${what}: axe-core violations:\n${violations.join('\n')}`);
};

/**
 * A suite of browser tests on one stack and one Chromium, started before the first
 * test (then `setUp`, e.g. data through the API) and stopped after the last; without
 * a Chromium every test is skipped and the suite says how to get one.
 */
export const browserSuite = <Extra extends object = object>(name: string, setUp?: (context: { web: WebUnderTest } & Partial<Extra>) => Promise<void>) => {
  type Context = { web: WebUnderTest } & Extra;
  const tests = suite<Context>(name);
  const available = chromiumPath() !== null;
  if (!available) console.log(NO_CHROMIUM_MESSAGE);
  tests.before(async (context) => {
    if (!available) return;
    context.web = await startWebUnderTest();
    await setUp?.(context);
  });
  tests.after(async ({ web }) => {
    await web?.stop();
  });
  return { tests, run: (available ? tests : tests.skip) as Test<Context> };
};

/**
 * Waits for the text on the page; if it never shows, the failure says what the page showed
 * instead (the text of its main region, alerts included), so a failure seen once under load can be read afterwards.
 */
export const waitForText = async (page: Page, text: string): Promise<void> => {
  try {
    await page.getByText(text).waitFor();
  } catch (error) {
    const shown = await page
      .locator('main')
      .innerText({ timeout: 5_000 })
      .catch((reason: unknown) => `(could not be read: ${String(reason)})`);
    throw new Error(`"${text}" never showed at ${page.url()}; the page showed:\n${shown}\n(${String(error)})`);
  }
};

/** Until the condition holds (a workflow or the read model answers a moment after the page does); fails naming it after 10 s. */
export const eventually = async (what: string, check: () => Promise<boolean> | boolean): Promise<void> => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.unreachable(`never: ${what}`);
};
