// The web application's budgets as a person meets them, in a real Chromium: the
// first load of the inbox (a fresh browser profile: the shell, the bundle, USWDS,
// the session and the inbox) and the inbox with many decisions waiting, each next
// to an empty page's load from the same server, measured in the same run, in turns.
import type { Page } from 'playwright-core';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../client/paging';
import { probationDefinition } from '../domain/probation';
import { appendDrivenCase } from '../test/support/appendDrivenCase';
import { chromiumPath, startWebUnderTest, NO_CHROMIUM_MESSAGE } from '../test/support/browser';
import { percentile, type Figure } from './measure';

export interface WebBenchOptions {
  /** Loads of each page; the median is reported. */
  runs: number;
  /** Decisions waiting in the busy inbox. */
  inboxItems: number;
  log: (line: string) => void;
  report: (figure: Figure) => void;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** Milliseconds from navigation until `ready` holds, in a fresh browser profile (nothing cached) signed in already. */
const loadOnce = async (open: () => Promise<Page>, path: string, ready: (page: Page) => Promise<unknown>): Promise<number> => {
  const page = await open();
  const started = performance.now();
  await page.goto(path);
  await ready(page);
  const elapsed = performance.now() - started;
  await page.context().close();
  return elapsed;
};

/** Bytes of every response a first load of `path` brings, as sent (compressed) and as the page reads them. */
const bytesOfLoad = async (open: () => Promise<Page>, path: string, ready: (page: Page) => Promise<unknown>): Promise<{ sent: number; read: number }> => {
  const page = await open();
  const responses: Promise<{ sent: number; read: number }>[] = [];
  page.on('response', (response) => {
    responses.push(
      (async () => {
        const [sizes, body] = await Promise.all([response.request().sizes(), response.body().catch(() => Buffer.alloc(0))]);
        return { sent: sizes.responseBodySize, read: body.length };
      })(),
    );
  });
  await page.goto(path);
  await ready(page);
  const all = await Promise.all(responses);
  await page.context().close();
  return all.reduce((total, one) => ({ sent: total.sent + one.sent, read: total.read + one.read }), { sent: 0, read: 0 });
};

const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

export async function benchWeb({ runs, inboxItems, log, report }: WebBenchOptions): Promise<void> {
  if (!chromiumPath()) {
    log(NO_CHROMIUM_MESSAGE);
    return;
  }
  log('starting the stack (time-skipping Temporal, worker, SQLite store, API with the pages) and Chromium ...');
  const web = await startWebUnderTest();
  try {
    log(`recording ${inboxItems} probation cases whose assessment waits on sup-hollis ...`);
    for (let i = 0; i < inboxItems; i++) {
      const start = {
        caseId: `EX-BENCH-${i}`,
        executiveId: 'ex-rivera',
        agency: 'DOE',
        appointmentEffectiveDate: '2026-01-12',
        criterion: 'A' as const,
        priorTenure: 'career' as const,
        supervisorId: 'sup-hollis',
        appointingAuthorityId: 'aa-wong',
        startedBy: 'hr-ana',
      };
      await appendDrivenCase(web.stack.store, probationDefinition, `probation-${start.caseId}`, [
        probationDefinition.startCommand(start, '2026-01-05T14:00:00.000Z', { id: 'hr-ana', role: 'hr-specialist' }),
      ]);
    }
    for (;;) {
      const inbox = await web.api.call('sup-hollis', 'GET', `/inbox?limit=${PAGE_LIMIT_MAX}`);
      if ((inbox.body.items as unknown[]).length >= Math.min(inboxItems, PAGE_LIMIT_MAX)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Signed in once per person; each load below opens a fresh profile holding only that session cookie.
    const cookies = { empty: await (await web.signedIn('emp-okafor')).context().cookies(), busy: await (await web.signedIn('sup-hollis')).context().cookies() };
    const openWith = (which: keyof typeof cookies) => async () => {
      const page = await web.anonymous();
      await page.context().addCookies(cookies[which]);
      return page;
    };
    const samples = { blank: [] as number[], first: [] as number[], busy: [] as number[], health: [] as number[], inboxApi: [] as number[] };
    const timedCall = async (path: string, into: number[]) => {
      const started = performance.now();
      await web.api.call('sup-hollis', 'GET', path);
      into.push(performance.now() - started);
    };
    log(`${runs} loads of each page, in turns ...`);
    for (let round = 0; round < runs; round++) {
      samples.blank.push(await loadOnce(openWith('empty'), '/health', (page) => page.waitForLoadState('load')));
      samples.first.push(await loadOnce(openWith('empty'), '/', (page) => page.getByText('Nothing is waiting on you').waitFor()));
      // The page shows the first page of the inbox; the rest on "Show more".
      samples.busy.push(
        await loadOnce(openWith('busy'), '/', (page) =>
          page
            .locator('[data-testid="waiting"] tbody tr')
            .nth(Math.min(inboxItems, PAGE_LIMIT_DEFAULT) - 1)
            .waitFor(),
        ),
      );
      await timedCall('/health', samples.health);
      await timedCall('/inbox', samples.inboxApi);
    }
    const bytes = await bytesOfLoad(openWith('empty'), '/', (page) => page.getByText('Nothing is waiting on you').waitFor());
    const median = (values: number[]) => percentile(values, 50);
    const blank = median(samples.blank);
    report({
      section: 'web',
      measure: 'first load of the inbox (fresh profile, nothing waiting), median',
      ours: ms(median(samples.first)),
      baseline: `empty page ${ms(blank)}`,
      ratio: `${(median(samples.first) / blank).toFixed(2)}x`,
    });
    report({
      section: 'web',
      measure: `inbox with ${inboxItems} decisions waiting, its first page shown (fresh profile), median`,
      ours: ms(median(samples.busy)),
      baseline: `empty page ${ms(blank)}`,
      ratio: `${(median(samples.busy) / blank).toFixed(2)}x`,
    });
    // What a person on a slow link waits for first: the shell, the bundle, USWDS, the inbox, compressed as sent.
    report({
      section: 'web',
      measure: 'bytes a first load of the inbox brings (fresh profile), every response as sent',
      ours: kb(bytes.sent),
      baseline: `the same uncompressed ${kb(bytes.read)}`,
      ratio: `${(bytes.sent / bytes.read).toFixed(2)}x`,
    });
    // How much of the busy inbox is the API's answer (the read model's query and the JSON) rather than the page.
    const health = median(samples.health);
    report({
      section: 'web',
      measure: `GET /inbox with ${inboxItems} waiting, a default page (the API alone), median`,
      ours: ms(median(samples.inboxApi)),
      baseline: `GET /health ${ms(health)}`,
      ratio: `${(median(samples.inboxApi) / health).toFixed(2)}x`,
    });
  } finally {
    await web.stop();
  }
}
