import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { SqliteEventStore } from '../../eventstore/sqliteEventStore';
import type { KillableStack } from './killableStack';
import { allRatings, appointmentOf, board, submission } from './qrbFixtures';

/**
 * Concurrent QRB cases driven through the HTTP API by a client that retries safely
 * (one Idempotency-Key per command, kept across retries; retries on connection errors,
 * 503, 429 and a key still in flight), while SIGKILL hits the worker or the whole stack
 * at seeded random moments. Then the record is checked: every case final, each command's
 * event exactly once, `verify --all` intact, replay equal to the live query.
 */
export interface FaultRunOptions {
  stack: KillableStack;
  /** Kills in the run; the second and every third after it take the whole stack, the others the worker. */
  kills: number;
  /** Cases in flight at once; new ones start until the last kill is done. */
  concurrency: number;
  seed: number;
  log: (line: string) => void;
}

export interface FaultRunReport {
  seed: number;
  kills: { afterMs: number; target: 'worker' | 'stack' }[];
  cases: number;
  commands: number;
  /** Commands that needed more than one attempt. */
  retried: number;
  /** Answers 500 or above other than 503, retried like a 503 (they should not happen). */
  serverErrors: string[];
  /** Every broken promise, as a sentence naming the case; empty when the run held. */
  problems: string[];
}

type Script = 'appointed' | 'withdrawn' | 'returned';
const SCRIPTS: readonly Script[] = ['appointed', 'withdrawn', 'returned'];
const FINAL_STATUS: Record<Script, string> = { appointed: 'APPOINTED', withdrawn: 'WITHDRAWN', returned: 'RETURNED_UNDER_HOLD' };
/** The events each script must leave, in order, each exactly once. */
const EXPECTED_EVENTS: Record<Script, string[]> = {
  appointed: ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast', 'QrbVoteCast', 'QrbVoteCast', 'QrbCaseApproved', 'QrbAppointmentRecorded'],
  withdrawn: ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast', 'QrbCaseWithdrawn'],
  returned: ['QrbCaseSubmitted', 'QrbCasePlacedOnHold', 'QrbCaseReturnedUnderHold'],
};
const MEMBERS = ['m-lee', 'm-patel', 'm-chen'];
const ATTEMPT_TIMEOUT_MS = 60_000;
const COMMAND_DEADLINE_MS = 180_000;

/** mulberry32: a small seeded generator, so a failing run's kill schedule can be run again. */
const seeded = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are arbitrary JSON
type Answer = { status: number; body: any; attempts: number };

export const runFaults = async ({ stack, kills, concurrency, seed, log }: FaultRunOptions): Promise<FaultRunReport> => {
  const random = seeded(seed);
  const report: FaultRunReport = { seed, kills: [], cases: 0, commands: 0, retried: 0, serverErrors: [], problems: [] };

  /** One command until it has an answer that is not "try again"; the same key on every attempt. */
  const send = async (as: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> => {
    const key = randomUUID();
    const deadline = Date.now() + COMMAND_DEADLINE_MS;
    let last = 'no connection';
    for (let attempts = 1; ; attempts++) {
      if (Date.now() > deadline)
        throw new Error(
          `${method} ${path} had no answer within ${COMMAND_DEADLINE_MS / 1000} s; the last attempt: ${last}; the worker and API said:\n${stack.recentOutput()}`,
        );
      let answer: Answer;
      let retryAfterMs = 250;
      try {
        const response = await fetch(`${stack.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await stack.tokenFor(as)}`,
            'x-purpose': 'fault suite',
            ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': key } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await response.text();
        answer = { status: response.status, body: text ? JSON.parse(text) : null, attempts };
        retryAfterMs = Math.min(Number(response.headers.get('retry-after') ?? 0.25) * 1000, 2_000);
      } catch (error) {
        last = String(error);
        await sleep(250); // the API is down or died mid-answer
        continue;
      }
      last = `${answer.status} ${JSON.stringify(answer.body)}`;
      const again =
        answer.status === 503 || answer.status === 429 || answer.status >= 500 || (answer.status === 409 && answer.body?.rule === 'idempotency-key.in-flight');
      if (answer.status >= 500 && answer.status !== 503) {
        if (report.serverErrors.length === 0) log(`the first 5xx other than 503 (${method} ${path}); the worker and API said:\n${stack.recentOutput()}`);
        report.serverErrors.push(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      if (!again) {
        if (attempts > 1) report.retried += 1;
        return answer;
      }
      await sleep(retryAfterMs);
    }
  };

  /**
   * A command of a case: answered 2xx, or refused only on a retry (the first attempt may
   * have been recorded before its answer was lost; the stream check decides). A refusal
   * of a first attempt is a problem.
   */
  const command = async (caseId: string, as: string, path: string, body: unknown): Promise<void> => {
    report.commands += 1;
    const answer = await send(as, 'POST', path, body);
    if (answer.status >= 200 && answer.status < 300) return;
    if (answer.attempts === 1) report.problems.push(`${caseId}: POST ${path} refused on its first attempt: ${answer.status} ${JSON.stringify(answer.body)}`);
  };

  const cases: { caseId: string; script: Script }[] = [];
  const runCase = async (caseId: string, script: Script): Promise<void> => {
    const path = `/qrb-cases/${caseId}`;
    await command(caseId, 'hr-ana', '/qrb-cases', submission({ caseId }));
    if (script === 'returned') {
      await command(caseId, 'opm-kim', `${path}/agency-head-transition`, { action: 'hold', by: 'opm-kim', reason: 'The agency head leaves' });
      await command(caseId, 'opm-kim', `${path}/agency-head-transition`, { action: 'return', by: 'opm-kim', reason: 'No support from the new head' });
      return;
    }
    await command(caseId, 'opm-kim', `${path}/board`, board());
    const voters = script === 'appointed' ? MEMBERS : MEMBERS.slice(0, 1);
    await Promise.all(voters.map((memberId) => command(caseId, memberId, `${path}/votes`, { memberId, ratings: allRatings('ecq-2025') })));
    if (script === 'withdrawn') {
      await command(caseId, 'hr-ana', `${path}/withdrawal`, { withdrawnBy: 'hr-ana', reason: 'Selectee declined' });
      return;
    }
    await command(caseId, 'hr-ana', `${path}/appointment`, appointmentOf(caseId));
  };

  let killing = true;
  const killer = (async () => {
    const started = Date.now();
    for (let kill = 0; kill < kills; kill++) {
      await sleep(500 + random() * 2_500);
      const target = kill % 3 === 1 ? 'stack' : 'worker';
      report.kills.push({ afterMs: Date.now() - started, target });
      log(`kill ${kill + 1}/${kills}: ${target} at +${Date.now() - started} ms (seed ${seed})`);
      await (target === 'stack' ? stack.killAll() : stack.killWorker());
    }
    killing = false;
  })();

  const drivers = Array.from({ length: concurrency }, async (_, lane) => {
    // Each lane runs cases one after another while kills remain, at least one case.
    for (let n = 0; n === 0 || killing; n++) {
      const caseId = `FAULT-${seed}-${lane}-${n}`;
      const script = SCRIPTS[(lane + n) % SCRIPTS.length]!;
      cases.push({ caseId, script });
      await runCase(caseId, script);
    }
  });
  await Promise.all([killer, ...drivers]);
  report.cases = cases.length;

  // The record, checked with the stack up: the live query, the replay and verify --all.
  for (const { caseId, script } of cases) {
    const live = await send('hr-ana', 'GET', `/qrb-cases/${caseId}`);
    if (live.status !== 200) {
      report.problems.push(`${caseId}: the live query answered ${live.status} ${JSON.stringify(live.body)}`);
      continue;
    }
    if (live.body.status !== FINAL_STATUS[script]) report.problems.push(`${caseId}: ${script} case ended ${live.body.status}, not ${FINAL_STATUS[script]}`);
    const replay = await send('aud-frank', 'GET', `/audit/streams/qrb-${caseId}/replay`);
    if (!isDeepStrictEqual(replay.body?.state, live.body))
      report.problems.push(`${caseId}: the replay differs from the live query: ${JSON.stringify(replay.body?.state)} vs ${JSON.stringify(live.body)}`);
  }
  const verified = await send('aud-frank', 'GET', '/audit/verify');
  if (verified.status !== 200 || verified.body?.ok !== true)
    report.problems.push(`verify --all is not intact: ${verified.status} ${JSON.stringify(verified.body).slice(0, 2_000)}`);
  await stack.stop();

  // Each command's event exactly once: the streams as stored.
  const store = SqliteEventStore.open(stack.storePath);
  try {
    for (const { caseId, script } of cases) {
      const events = await store.readStream(`qrb-${caseId}`);
      const types = events.map((e) => e.type);
      if (!isDeepStrictEqual(types, EXPECTED_EVENTS[script]))
        report.problems.push(`${caseId}: events ${types.join(', ')}; expected ${EXPECTED_EVENTS[script].join(', ')}`);
      const voters = events.filter((e) => e.type === 'QrbVoteCast').map((e) => e.meta.actor.id);
      if (new Set(voters).size !== voters.length) report.problems.push(`${caseId}: a member's vote recorded twice: ${voters.join(', ')}`);
      if (script !== 'appointed') continue;
      for (const child of [`probation-${caseId}-APPT`, `onboarding-${caseId}-APPT`]) {
        const started = (await store.readStream(child)).slice(0, 1).map((e) => e.type);
        const firsts = (await store.readStream(child)).filter((e) => e.type === started[0]);
        if (firsts.length !== 1) report.problems.push(`${child}: its first event (${started[0] ?? 'none'}) is there ${firsts.length} times`);
      }
    }
  } finally {
    await store.close();
  }
  return report;
};
