import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { ReplayPoint } from '../audit';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { ConfigError, loadConfig, temporalAddressOf, type Config } from '../config';
import { ExportFormatSchema, type ExportFormat } from '../auditor/exportFormat';
import { verifyExport } from '../auditor/verifyExport';
import { REPORTS, type Operations, type ReportName } from '../operations';
import type { ListCasesFilter } from '../readModel/queries';
import { ProblemError, toProblem } from '../problem';
import { openOperations } from '../openOperations';
import { PROCESS_DEFINITIONS } from '../processRegistry';
import type { QrbState } from '../../domain/qrb';
import { openEventStore } from '../../eventstore/openEventStore';
import { renderEvents, renderHistory, renderInbox, renderProblem, renderQrbState, renderReport, renderTable, renderVerifyAll, renderVerifyResult, renderWhatIf } from './render';

const HELP = `ses: SES personnel actions from the command line

Usage: ses <command> [arguments] [--json] [--token T]

Every command acts as the person of a bearer token: --token, or SES_TOKEN in the
environment. For the embedded default: export SES_TOKEN=$(npx ses token mint hr-ana)
  ses token mint <user-id> [--ttl SECONDS]
                                          a dev token for a user of config/users.json (default 1 h, at most 12 h)
  ses whoami                              the person and roles of the token

QRB certification (talks to Temporal at TEMPORAL_ADDRESS, default the embedded dev server)
  ses qrb submit <case.json>              HR specialist submits a case (file or - for stdin)
  ses qrb convene <caseId> <board.json>   OPM staff convene the 3-member board
  ses qrb vote <caseId> <vote.json>       a board member rates every ECQ
  ses qrb resubmit <caseId> <file.json>   HR specialist resubmits a disapproved case
  ses qrb withdraw <caseId> <file.json>   the agency withdraws the case
  ses qrb transition <caseId> <file.json> OPM holds, releases or returns it (agency-head transition)
  ses qrb appoint <caseId> <file.json>    HR specialist records the appointment: starts probation and onboarding
  ses qrb status <caseId>                 the case as the workflow holds it

Probation, onboarding, rotation (<process> is probation, onboarding or rotation)
  ses <process> start <start.json> [--policy-version V]
                                          HR specialist starts a case (V: e.g. what-if-2yr-probation)
  ses <process> act <caseId> <action.json>
                                          an approver acts: {"actor": {"id","role"[,"delegationId"]}, "action": {"type", ...}}
  ses <process> status <caseId>           the case as the workflow holds it

Everyone's work
  ses inbox                               decisions waiting on you (due dates, overdue) and the cases you started
  ses delegation grant <grant.json>       name an acting official for some approvals, from-until
  ses delegation revoke <id> <reason.json>
                                          end a delegation early: {"reason": "..."}
  ses delegation show <id>                a delegation's terms and status
  ses report <name> [--within-days N]     ${REPORTS.join(', ')}

Audit (auditors; reads the event store at EVENTSTORE_URL, default sqlite:./data/events.db).
Each read of a case is entered in the access log with --purpose "why" (required).
  ses audit list [--process P] [--agency A] [--status S] [--from DATE] [--to DATE]
                                          the cases, filtered (start dates inclusive)
  ses audit events <stream>               every event of a stream, e.g. qrb-QRB-2026-0001
  ses audit replay <stream> [--revision N | --at ISO-INSTANT]
                                          rebuild the case from its events, up to a point
  ses audit history <stream>              what changed at each event (before -> after)
  ses audit verify <stream>               check the stream's hash chain
  ses audit verify --all                  check every stream's chain; names each first broken revision
  ses audit compare <stream>              the replayed state against the workflow's live state
  ses audit what-if <stream> --policy-version V [--until ISO-INSTANT]
                                          re-run the case's recorded inputs under another policy
  ses audit export [<stream> ...] [list filters] [--format jsonl|csv] [--out FILE]
                                          the cases with their hash chains, for offline checking
  ses audit verify-export <file> [--format jsonl|csv]
                                          check an export's chains offline (no token, no store)
  ses audit access-log <stream>           who read or exported the case, when and why

Options
  --json     print JSON instead of text
  --help     this text

Examples of the JSON files: examples/ in the repository.
Exit codes: 0 done, 1 refused or failed (the message names the field and rule), 2 usage error.`;

class UsageError extends Error {}

const readJsonFile = (path: string | undefined, what: string): unknown => {
  if (!path) throw new UsageError(`missing ${what} file (a path, or - for stdin)`);
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

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
};

/** Opens what one command needs; Temporal is connected on first use only, so audit commands work without it. */
const withOperations = async <T>(config: Config, work: (operations: Operations) => Promise<T>): Promise<T> => {
  const address = temporalAddressOf(config);
  const connection = Connection.lazy({ address, connectTimeout: '5 seconds' });
  const store = await openEventStore(config.EVENTSTORE_URL);
  const opened = openOperations(config, new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), store, { follow: false });
  try {
    return await work(opened.operations).catch((error: unknown) => {
      if (toProblem(error).error === 'temporal-unavailable') {
        throw new ProblemError({ status: 503, error: 'temporal-unavailable', message: `cannot reach Temporal at ${address}; start the stack with \`npm start\` or set TEMPORAL_ADDRESS` });
      }
      throw error;
    });
  } finally {
    await opened.close();
    await connection.close();
    await store.close();
  }
};

const QRB_COMMANDS = {
  convene: ['qrb.convene', 'board'],
  vote: ['qrb.vote', 'vote'],
  resubmit: ['qrb.resubmit', 'resubmission'],
  withdraw: ['qrb.withdraw', 'withdrawal'],
  transition: ['qrb.transition', 'transition'],
  appoint: ['qrb.appoint', 'appointment'],
} as const;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  token: { type: 'string' },
  purpose: { type: 'string' },
  revision: { type: 'string' },
  at: { type: 'string' },
  until: { type: 'string' },
  'policy-version': { type: 'string' },
  ttl: { type: 'string' },
  all: { type: 'boolean', default: false },
  process: { type: 'string' },
  agency: { type: 'string' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'within-days': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const run = async (argv: string[]): Promise<{ json: unknown; text: string }> => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [group, command, ...rest] = positionals;
  if (values.help || !group || group === 'help') return { json: { help: HELP }, text: HELP };
  if (group === 'audit' && command === 'verify-export') return verifyExportFile(need(rest[0], 'export file'), values.format);
  const config = loadConfig();
  const authenticator = await Authenticator.fromConfig(config);
  if (group === 'token') {
    if (command !== 'mint') throw new UsageError(`unknown token command "${command ?? ''}"; use \`ses token mint <user-id>\``);
    const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
    const minted = await authenticator.mint(need(rest[0], 'user id'), ttl);
    return { json: minted, text: minted.token };
  }
  // Every other command acts as the person the token names.
  const principal = await authenticator.authenticate(values.token ?? process.env.SES_TOKEN);
  if (group === 'whoami') return { json: principal, text: `${principal.id} (${principal.roles.join(', ')})` };
  return withOperations(config, (operations) => runAs(operations, principal, positionals, values));
};

const runAs = async (operations: Operations, principal: Principal, [group, command, ...rest]: string[], values: Values): Promise<{ json: unknown; text: string }> => {
  const key = `${group} ${command ?? ''}`;
  const { purpose } = values;
  if (group === 'qrb' && command !== undefined && command in QRB_COMMANDS) {
    const [operation, what] = QRB_COMMANDS[command as keyof typeof QRB_COMMANDS];
    const caseId = need(rest[0], 'caseId');
    const body = readJsonFile(rest[1], what);
    const result = await operations.qrb(principal, operation, caseId, body);
    if (operation === 'qrb.transition') {
      const sent = result as { signalled: string };
      return { json: sent, text: `${sent.signalled} sent to case ${caseId}; \`ses qrb status ${caseId}\` shows it once applied` };
    }
    return { json: result, text: renderQrbState(result as QrbState) };
  }
  if (group === 'report') {
    const name = need(command, `report name (${REPORTS.join(', ')})`);
    if (!(REPORTS as readonly string[]).includes(name)) throw new UsageError(`unknown report "${name}"; use ${REPORTS.join(', ')}`);
    const withinDays = values['within-days'] === undefined ? undefined : Number(values['within-days']);
    if (withinDays !== undefined && !(Number.isInteger(withinDays) && withinDays > 0)) throw new UsageError('--within-days must be a whole number of days from 1');
    const report = await operations.report(principal, name as ReportName, withinDays);
    return { json: report, text: renderReport(report) };
  }
  switch (key) {
    case 'qrb submit': {
      const body = readJsonFile(rest[0], 'case');
      const started = (await operations.qrb(principal, 'qrb.submit', null, body)) as { caseId: string; workflowId: string; stream: string };
      return { json: started, text: `submitted ${started.caseId}: workflow ${started.workflowId}, stream ${started.stream}` };
    }
    case 'qrb status': {
      const state = (await operations.status(principal, 'qrb', need(rest[0], 'caseId'), purpose)) as QrbState;
      return { json: state, text: renderQrbState(state) };
    }
    case 'inbox ': {
      // `ses inbox` has no subcommand
      const inbox = await operations.inbox(principal);
      return { json: inbox, text: renderInbox(inbox) };
    }
    case 'delegation grant': {
      const state = await operations.grantDelegation(principal, readJsonFile(rest[0], 'grant'));
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    case 'delegation revoke': {
      const id = need(rest[0], 'delegation id');
      const state = await operations.revokeDelegation(principal, id, readJsonFile(rest[1], 'reason'));
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    case 'delegation show': {
      const state = await operations.showDelegation(principal, need(rest[0], 'delegation id'));
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    case 'audit list': {
      const cases = await operations.listCases(principal, caseFilter(values));
      return { json: cases, text: renderTable(cases) };
    }
    case 'audit events': {
      const events = await operations.auditEvents(principal, need(rest[0], 'stream'), purpose);
      return { json: events, text: renderEvents(events) };
    }
    case 'audit replay': {
      const stream = need(rest[0], 'stream');
      const replay = await operations.auditReplay(principal, stream, replayPoint(values), purpose);
      const view = stream.startsWith('qrb-') ? renderQrbState(replay.state as QrbState) : JSON.stringify(replay.state, null, 2);
      return { json: replay, text: `${replay.stream} replayed through revision ${replay.revision} (${replay.eventsApplied} events)\n${view}` };
    }
    case 'audit history': {
      const history = await operations.auditHistory(principal, need(rest[0], 'stream'), purpose);
      return { json: history, text: renderHistory(history) };
    }
    case 'audit verify': {
      if (values.all) {
        const report = await operations.auditVerifyAll(principal, ({ done, total }) => {
          if (done % 100 === 0 || done === total) process.stderr.write(`verified ${done}/${total} streams\n`);
        });
        if (!report.ok) process.exitCode = 1;
        return { json: report, text: renderVerifyAll(report) };
      }
      const stream = need(rest[0], 'stream (or --all)');
      const result = await operations.auditVerify(principal, stream, purpose);
      if (!result.ok) process.exitCode = 1;
      return { json: result, text: renderVerifyResult(result) };
    }
    case 'audit compare': {
      const comparison = await operations.auditCompare(principal, need(rest[0], 'stream'), purpose);
      if (!comparison.same) process.exitCode = 1;
      const text = comparison.same
        ? `${comparison.stream}: the replay through revision ${comparison.revision} equals the workflow's live state`
        : [`${comparison.stream}: ${comparison.differences.length} difference(s) between the replay and the live state`, ...comparison.differences.map((d) => `  ${d.path}: replayed ${JSON.stringify(d.replayed)}, live ${JSON.stringify(d.live)}`)].join('\n');
      return { json: comparison, text };
    }
    case 'audit what-if': {
      const stream = need(rest[0], 'stream');
      const policyVersion = values['policy-version'];
      if (!policyVersion) throw new UsageError('--policy-version is required, e.g. --policy-version what-if-2yr-probation');
      const result = await operations.auditWhatIf(principal, stream, policyVersion, values.until, purpose);
      return { json: result, text: renderWhatIf(stream, result) };
    }
    case 'audit export': {
      const format = parseFormat(values.format);
      const text = await operations.auditExport(principal, { streams: rest, filter: caseFilter(values) }, format, purpose);
      if (values.out) {
        writeFileSync(values.out, text);
        return { json: { written: values.out, format }, text: `wrote ${values.out} (${format}); check it with \`ses audit verify-export ${values.out}\`` };
      }
      return { json: text, text: text.trimEnd() };
    }
    case 'audit access-log': {
      const entries = operations.accessLogFor(principal, need(rest[0], 'stream'));
      return { json: entries, text: renderTable(entries.map((e) => ({ at: e.at, person: e.personId, roles: e.roles.join(','), action: e.action, purpose: e.purpose }))) };
    }
    default: {
      if (!PROCESS_DEFINITIONS.some((d) => d.name === group)) throw new UsageError(`unknown command "${[group, command, ...rest].join(' ')}"`);
      return runProcessCommand(operations, principal, group!, command, rest, values);
    }
  }
};

const parseFormat = (format: string | undefined): ExportFormat => {
  const parsed = ExportFormatSchema.safeParse(format ?? 'jsonl');
  if (!parsed.success) throw new UsageError(`--format must be jsonl or csv, not "${format}"`);
  return parsed.data;
};

const caseFilter = (values: Values): ListCasesFilter =>
  Object.fromEntries((['process', 'agency', 'status', 'from', 'to'] as const).flatMap((key) => (values[key] === undefined ? [] : [[key, values[key]]])));

/** Offline: the file alone, its hash chains recomputed; no token, no store. Format from --format or the file name. */
const verifyExportFile = (path: string, format: string | undefined): { json: unknown; text: string } => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read export file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const result = verifyExport(text, parseFormat(format ?? (path.endsWith('.csv') ? 'csv' : 'jsonl')));
  if (!result.ok) process.exitCode = 1;
  return {
    json: result,
    text: result.ok
      ? `${path}: ${result.events} events in ${result.streams.length} stream(s), every hash chain intact${result.countsChecked ? '' : ' (no header: a cut-off tail would not show)'}`
      : `${path}: BROKEN at line ${result.line}${result.stream ? `, ${result.stream}` : ''}${result.brokenRevision === undefined ? '' : ` revision ${result.brokenRevision}`}: ${result.reason}`,
  };
};

const replayPoint = (values: Values): ReplayPoint => {
  if (values.revision !== undefined && values.at !== undefined) throw new UsageError('give --revision or --at, not both');
  const revision = values.revision === undefined ? undefined : Number(values.revision);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 0)) throw new UsageError('--revision must be a whole number from 0');
  if (values.at !== undefined && Number.isNaN(Date.parse(values.at))) throw new UsageError('--at must be an ISO instant, e.g. 2026-03-01T12:00:00Z');
  return { ...(revision === undefined ? {} : { revision }), ...(values.at === undefined ? {} : { at: values.at }) };
};

/** start / act / status for probation, onboarding and rotation: the state prints as JSON. */
const runProcessCommand = async (
  operations: Operations,
  principal: Principal,
  name: string,
  command: string | undefined,
  rest: string[],
  values: Values,
): Promise<{ json: unknown; text: string }> => {
  switch (command) {
    case 'start': {
      const body = readJsonFile(rest[0], 'start');
      const started = await operations.startCase(principal, name, body, values['policy-version']);
      return { json: started, text: `started ${name} case ${started.caseId}: workflow ${started.workflowId}, stream ${started.stream}` };
    }
    case 'act': {
      const caseId = need(rest[0], 'caseId');
      const body = readJsonFile(rest[1], 'action');
      const state = await operations.act(principal, name, caseId, body);
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    case 'status': {
      const state = await operations.status(principal, name, need(rest[0], 'caseId'), values.purpose);
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    default:
      throw new UsageError(`unknown ${name} command "${command ?? ''}"; use start, act or status`);
  }
};

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  const asJson = argv.includes('--json');
  try {
    const { json, text } = await run(argv);
    console.log(asJson ? JSON.stringify(json, null, 2) : text);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`ses: ${(error as Error).message}\nRun \`ses --help\` for usage.`);
      process.exitCode = 2;
      return;
    }
    const problem = toProblem(error);
    console.error(asJson ? JSON.stringify(problem, null, 2) : renderProblem(problem));
    process.exitCode = 1;
  }
};

void main();
