// What each `ses` command does, once ./program has parsed its command line. Loaded
// only when a command runs (main.ts imports it lazily): this is where Temporal,
// the event store and the auth keys come in.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Connection } from '@temporalio/client';
import { openEventStore } from '../../eventstore/openEventStore';
import type { ReplayPoint } from '../audit';
import { CheckpointKey, verifierFromPublished } from '../auditor/checkpointKey';
import { verifyExport } from '../auditor/verifyExport';
import type { ExportFormat } from '../auditor/exportFormat';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { loadConfig, type Config } from '../config';
import { openOperations } from '../openOperations';
import type { Operations, ReportName } from '../operations';
import { ProblemError, toProblem, type Problem } from '../problem';
import { processNamed } from '../../domain/processes';
import { processOfStream } from '../processOfStream';
import type { ListCasesFilter } from '../readModel/queries';
import { PAGE_LIMIT_MAX, everyItem } from '../paging';
import { payloadKeyringFromConfig } from '../payloadKeyring';
import { temporalClient, temporalTargetOf } from '../temporalConnection';
import { sealedDataConverter } from '../temporalDataConverter';
import { briefGrpcRetries } from '../temporalRetries';
import { appraisalCycleHandlers } from './appraisalCycleCommands';
import { EXIT, UsageError, commandOf, type Invocation } from './program';
import {
  renderEvents,
  renderHistory,
  renderInbox,
  renderNotifications,
  renderProblem,
  renderQrbState,
  renderReport,
  renderTable,
  renderCheckpointReport,
  renderVerifyAll,
  renderVerifyResult,
  renderWhatIf,
} from './render';

export interface Output {
  json: unknown;
  text: string;
}

/**
 * How long a command that needs Temporal waits for it to answer before saying it
 * cannot be reached (the SDK's own retries would take some 20 seconds).
 */
const TEMPORAL_CONNECT_TIMEOUT_MS = 3_000;

const readJsonFile = (path: string, what: string): unknown => {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProblemError({ status: 400, error: 'invalid-json', message: `${path} is not valid JSON: ${(error as Error).message}` });
  }
};

const temporalUnavailable = (address: string): ProblemError =>
  new ProblemError({
    status: 503,
    error: 'temporal-unavailable',
    message: `cannot reach Temporal at ${address}: start the stack with \`npm start\` (the embedded dev server), or set TEMPORAL_ADDRESS to a running cluster`,
  });

/**
 * Opens what one command needs and runs it. Temporal (TEMPORAL_ADDRESS or a profile
 * of Temporal's environment configuration, as the API) is connected on first use
 * only, so audit commands work without it; a command that needs it (`temporal`)
 * fails within TEMPORAL_CONNECT_TIMEOUT_MS when it cannot be reached, with the
 * address and how to start it, instead of after the SDK's retries.
 */
const withOperations = async <T>(config: Config, temporal: boolean, work: (operations: Operations) => Promise<T>): Promise<T> => {
  const target = temporalTargetOf(config);
  const connection = Connection.lazy({ ...target.connectionOptions, connectTimeout: TEMPORAL_CONNECT_TIMEOUT_MS, interceptors: briefGrpcRetries() });
  const store = await openEventStore(config.EVENTSTORE_URL);
  const opened = await openOperations(config, temporalClient(connection, target, sealedDataConverter(payloadKeyringFromConfig(config))), store, {
    follow: false,
  });
  try {
    const working = work(opened.operations);
    // A refusal before any call to Temporal (a role, a body) still wins the race.
    const unreachable = temporal
      ? connection.ensureConnected().then(
          () => working,
          () => {
            throw temporalUnavailable(target.address);
          },
        )
      : working;
    return await Promise.race([working, unreachable]);
  } catch (error) {
    if (toProblem(error).error === 'temporal-unavailable') throw temporalUnavailable(target.address);
    throw error;
  } finally {
    await opened.close();
    await connection.close();
    await store.close();
  }
};

type Values = Record<string, unknown>;

/** On stderr while a list takes more than one page: how many items are read so far. */
const readingProgress = (what: string) => (readSoFar: number, more: boolean) => {
  if (more || readSoFar > PAGE_LIMIT_MAX) process.stderr.write(`read ${readSoFar} ${what}${more ? ' …' : ''}\n`);
};
const text = (values: Values, key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);

/** One command: whether it needs Temporal, and what it does as the person of the token. */
interface Handler {
  temporal: boolean;
  run(operations: Operations, principal: Principal, args: unknown[], options: Values): Promise<Output>;
}

/** A case's state at a terminal: its process's own view where it has one, else JSON. */
const STATE_VIEWS: Record<string, (state: never) => string> = { qrb: renderQrbState };
const renderState = (process: string, state: unknown): string =>
  Object.hasOwn(STATE_VIEWS, process) ? STATE_VIEWS[process]!(state as never) : JSON.stringify(state, null, 2);

const caseFilter = (values: Values): ListCasesFilter =>
  Object.fromEntries((['process', 'agency', 'status', 'from', 'to'] as const).flatMap((key) => (values[key] === undefined ? [] : [[key, values[key]]])));

const HANDLERS: Record<string, Handler> = {
  ...appraisalCycleHandlers(readJsonFile),
  inbox: {
    temporal: false,
    async run(operations, principal) {
      // Every page of both lists; the instant of the first page says what overdue was judged at.
      let asOf: string | undefined;
      const waiting = await everyItem(async (page) => {
        const answer = await operations.inbox(principal, page);
        asOf ??= answer.asOf;
        return answer;
      }, readingProgress('decisions'));
      const started = await everyItem((page) => operations.startedCases(principal, page), readingProgress('cases'));
      const inbox = { person: principal, asOf: asOf!, waiting, started };
      return { json: inbox, text: renderInbox(inbox) };
    },
  },
  'notifications list': {
    temporal: false,
    async run(operations, principal, _args, options) {
      let unread = 0;
      const notifications = await everyItem(async (page) => {
        const answer = await operations.notifications(principal, { unreadOnly: options.unread === true }, page);
        unread = answer.unread;
        return answer;
      }, readingProgress('notifications'));
      const list = { person: principal.id, unread, notifications };
      return { json: list, text: renderNotifications(list) };
    },
  },
  'notifications read': {
    temporal: false,
    async run(operations, principal, [id]) {
      const read = operations.markNotificationRead(principal, id as string);
      return { json: read, text: `marked ${read.id} read` };
    },
  },
  'delegation grant': {
    temporal: false,
    async run(operations, principal, [file]) {
      const state = await operations.grantDelegation(principal, readJsonFile(file as string, 'grant'));
      return { json: state, text: JSON.stringify(state, null, 2) };
    },
  },
  'delegation revoke': {
    temporal: false,
    async run(operations, principal, [id, file]) {
      const state = await operations.revokeDelegation(principal, id as string, readJsonFile(file as string, 'reason'));
      return { json: state, text: JSON.stringify(state, null, 2) };
    },
  },
  'delegation show': {
    temporal: false,
    async run(operations, principal, [id]) {
      const state = await operations.showDelegation(principal, id as string);
      return { json: state, text: JSON.stringify(state, null, 2) };
    },
  },
  report: {
    temporal: false,
    async run(operations, principal, [name], options) {
      const report = await operations.report(principal, name as ReportName, options.withinDays as number | undefined);
      return { json: report, text: renderReport(report) };
    },
  },
  'audit list': {
    temporal: false,
    async run(operations, principal, _args, options) {
      const cases = await everyItem((page) => operations.listCases(principal, caseFilter(options), page), readingProgress('cases'));
      return { json: cases, text: renderTable(cases) };
    },
  },
  'audit events': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const events = await everyItem((page) => operations.auditEvents(principal, stream as string, text(options, 'purpose'), page), readingProgress('events'));
      return { json: events, text: renderEvents(events) };
    },
  },
  'audit replay': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const point: ReplayPoint = {
        ...(options.revision === undefined ? {} : { revision: options.revision as number }),
        ...(options.at === undefined ? {} : { at: options.at as string }),
      };
      const replay = await operations.auditReplay(principal, stream as string, point, text(options, 'purpose'));
      const view = renderState(processOfStream(stream as string)?.name ?? '', replay.state);
      return { json: replay, text: `${replay.stream} replayed through revision ${replay.revision} (${replay.eventsApplied} events)\n${view}` };
    },
  },
  'audit history': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const history = await operations.auditHistory(principal, stream as string, text(options, 'purpose'));
      return { json: history, text: renderHistory(history) };
    },
  },
  'audit verify': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const copyFile = text(options, 'checkpoint');
      const copy = copyFile === undefined ? undefined : readJsonFile(copyFile, 'checkpoint');
      if (options.all) {
        // At most a line a second: a store of a million events holds a hundred thousand streams and more.
        let printedAt = 0;
        const report = await operations.auditVerifyAll(
          principal,
          ({ done, total }) => {
            if (done < total && Date.now() - printedAt < 1000) return;
            printedAt = Date.now();
            process.stderr.write(`verified ${done}/${total} streams\n`);
          },
          copy,
        );
        if (!report.ok) process.exitCode = EXIT.failed;
        return { json: report, text: renderVerifyAll(report) };
      }
      const result = await operations.auditVerify(principal, stream as string, text(options, 'purpose'), copy);
      if (!result.ok) process.exitCode = EXIT.failed;
      return { json: result, text: `${renderVerifyResult(result)}\n${renderCheckpointReport(result.checkpoint)}` };
    },
  },
  'audit checkpoint create': {
    temporal: false,
    async run(operations, principal) {
      const { created, checkpoint } = await operations.auditCreateCheckpoint(principal);
      const { sequence, globalPosition, streams, root } = checkpoint.body;
      return {
        json: { created, checkpoint },
        text: `${created ? 'signed' : 'nothing moved since'} checkpoint #${sequence}: ${streams} streams through position ${globalPosition}, root ${root}`,
      };
    },
  },
  'audit checkpoint list': {
    temporal: false,
    async run(operations, principal) {
      const checkpoints = await everyItem((page) => operations.auditCheckpoints(principal, page));
      return {
        json: checkpoints,
        text: renderTable(
          checkpoints.map(({ body, keyId }) => ({
            sequence: body.sequence,
            createdAt: body.createdAt,
            position: body.globalPosition,
            streams: body.streams,
            root: body.root,
            key: keyId,
          })),
        ),
      };
    },
  },
  'audit checkpoint export': {
    temporal: false,
    async run(operations, principal, _args, options) {
      const copy = await operations.auditCheckpointCopy(principal);
      const out = text(options, 'out');
      if (out) {
        writeFileSync(out, JSON.stringify(copy) + '\n');
        return {
          json: { written: out, checkpoints: copy.checkpoints.length },
          text: `wrote ${out} (${copy.checkpoints.length} checkpoint${copy.checkpoints.length === 1 ? '' : 's'}); verify against it with \`ses audit verify --all --checkpoint ${out}\``,
        };
      }
      return { json: copy, text: JSON.stringify(copy) };
    },
  },
  'audit compare': {
    temporal: true,
    async run(operations, principal, [stream], options) {
      const comparison = await operations.auditCompare(principal, stream as string, text(options, 'purpose'));
      if (!comparison.same) process.exitCode = EXIT.failed;
      const summary = comparison.same
        ? `${comparison.stream}: the replay through revision ${comparison.revision} equals the workflow's live state`
        : [
            `${comparison.stream}: ${comparison.differences.length} difference(s) between the replay and the live state`,
            ...comparison.differences.map((d) => `  ${d.path}: replayed ${JSON.stringify(d.replayed)}, live ${JSON.stringify(d.live)}`),
          ].join('\n');
      return { json: comparison, text: summary };
    },
  },
  'audit what-if': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const result = await operations.auditWhatIf(
        principal,
        stream as string,
        options.policyVersion as string,
        text(options, 'until'),
        text(options, 'purpose'),
      );
      return { json: result, text: renderWhatIf(stream as string, result) };
    },
  },
  'audit export': {
    temporal: false,
    async run(operations, principal, [streams], options) {
      const format = options.format as ExportFormat;
      const exported = await operations.auditExport(principal, { streams: streams as string[], filter: caseFilter(options) }, format, text(options, 'purpose'));
      const out = text(options, 'out');
      if (out) {
        await pipeline(Readable.from(exported), createWriteStream(out));
        return { json: { written: out, format }, text: `wrote ${out} (${format}); check it with \`ses audit verify-export ${out}\`` };
      }
      let whole = '';
      for await (const chunk of exported) whole += chunk;
      return { json: whole, text: whole.trimEnd() };
    },
  },
  'audit access-log': {
    temporal: false,
    async run(operations, principal, [stream], options) {
      const query = {
        ...(options.person ? { personId: options.person as string } : {}),
        ...(options.from ? { from: options.from as string } : {}),
        ...(options.to ? { to: options.to as string } : {}),
      };
      if (stream && Object.keys(query).length > 0) throw new UsageError('give a stream, or --person/--from/--to across every case, not both');
      const entries = await everyItem(
        (page) => (stream ? operations.accessLogFor(principal, stream as string, page) : operations.accessLog(principal, query, page)),
        readingProgress('accesses'),
      );
      return {
        json: entries,
        text: renderTable(
          entries.map((e) => ({
            at: e.at,
            person: e.personId,
            roles: e.roles.join(','),
            action: e.action,
            ...(stream ? {} : { streams: e.streams.join(',') }),
            purpose: e.purpose,
          })),
        ),
      };
    },
  },
};

/** A process's commands: its start, its actions (those with their own path too) and its status. */
const processHandler = (name: string, command: string): Handler | undefined => {
  const definition = processNamed(name);
  if (!definition) return undefined;
  const named = definition.namedActions?.find((n) => commandOf(n.operation) === command);
  if (named) {
    return {
      temporal: true,
      async run(operations, principal, [caseId, file]) {
        const body = readJsonFile(file as string, named.path);
        const state = await operations.actNamed(principal, name, named.operation, caseId as string, body);
        return { json: state, text: renderState(name, state) };
      },
    };
  }
  switch (command) {
    case definition.startVerb ?? 'start':
      return {
        temporal: true,
        async run(operations, principal, [file], options) {
          const body = readJsonFile(file as string, 'start');
          const started = await operations.startCase(principal, name, body, { policyVersion: text(options, 'policyVersion') });
          return { json: started, text: `started ${name} case ${started.caseId}: workflow ${started.workflowId}, stream ${started.stream}` };
        },
      };
    case 'act':
      return {
        temporal: true,
        async run(operations, principal, [caseId, file]) {
          const body = readJsonFile(file as string, 'action');
          const state = await operations.act(principal, name, caseId as string, body);
          return { json: state, text: renderState(name, state) };
        },
      };
    case 'status':
      return {
        temporal: true,
        async run(operations, principal, [caseId], options) {
          const state = await operations.status(principal, name, caseId as string, text(options, 'purpose'));
          return { json: state, text: renderState(name, state) };
        },
      };
    default:
      return undefined;
  }
};

/** Offline: the file alone, its hash chains recomputed; no token, no store. Format from --format or the file name. */
const ANCHORING = {
  verified: (c?: { sequence: number; createdAt: string }) =>
    `anchored: checkpoint #${c?.sequence} of ${c?.createdAt} is signed by the checkpoint key and holds every stream's head`,
  'no-public-key': (c?: { sequence: number }) =>
    `checkpoint #${c?.sequence} holds every stream's head, but its signature was NOT checked: give --public-key (or CHECKPOINT_PUBLIC_KEY)`,
  absent: () => 'not anchored: the export carries no checkpoint (CSV, or an earlier release), so a stream rewritten with its chain recomputed would not show',
};

const verifyExportFile = (path: string, format: string | undefined, publicKey: string | undefined): Output => {
  let contents: string;
  try {
    contents = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read export file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const published = publicKey ?? process.env.CHECKPOINT_PUBLIC_KEY;
  const result = verifyExport(
    contents,
    (format ?? (path.endsWith('.csv') ? 'csv' : 'jsonl')) as ExportFormat,
    published ? verifierFromPublished(published) : undefined,
  );
  if (!result.ok) process.exitCode = EXIT.failed;
  return {
    json: result,
    text: result.ok
      ? `${path}: ${result.events} events in ${result.streams.length} stream(s), every hash chain intact${result.countsChecked ? '' : ' (no header: a cut-off tail would not show)'}; ${ANCHORING[result.anchoring](result.checkpoint)}`
      : `${path}: BROKEN at line ${result.line}${result.stream ? `, ${result.stream}` : ''}${result.brokenRevision === undefined ? '' : ` revision ${result.brokenRevision}`}: ${result.reason}`,
  };
};

/** Runs one parsed command: the person of the token, then the operation. */
export const execute = async ({ path, args, options }: Invocation): Promise<Output> => {
  const key = path.join(' ');
  if (key === 'audit verify-export') return verifyExportFile(args[0] as string, text(options, 'format'), text(options, 'publicKey'));
  if (key === 'audit verify' && (args[0] === undefined) === !options.all) throw new UsageError('give a stream or --all (not both)');
  const config = loadConfig();
  if (key === 'audit checkpoint public-key') {
    // The public half of the signing key (made on first use), or the configured one: public, so no token is asked for.
    const key = CheckpointKey.fromConfig(config);
    const { published, keyId } = config.CHECKPOINT_PUBLIC_KEY ? key.verifying() : key.signing();
    return { json: { publicKey: published, keyId }, text: published };
  }
  const authenticator = await Authenticator.fromConfig(config);
  if (key === 'token mint') {
    const ttl = options.ttl === undefined ? undefined : Number(options.ttl);
    const minted = await authenticator.mint(args[0] as string, ttl);
    return { json: minted, text: minted.token };
  }
  // Every other command acts as the person the token names.
  const principal = await authenticator.authenticate(text(options, 'token'));
  if (key === 'whoami') return { json: principal, text: `${principal.id} (${principal.roles.join(', ')})` };
  const handler = HANDLERS[key] ?? processHandler(path[0]!, path[1] ?? '');
  if (!handler) throw new UsageError(`unknown command "${key}"`);
  return withOperations(config, handler.temporal, (operations) => handler.run(operations, principal, args, options));
};

/** What a failed command prints and exits with: 3 when a service is unavailable (503), else 1. */
export const failure = (error: unknown): { problem: Problem; text: string; exitCode: number } => {
  const problem = toProblem(error);
  return { problem, text: renderProblem(problem), exitCode: problem.status === 503 ? EXIT.unavailable : EXIT.failed };
};
