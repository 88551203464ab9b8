import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { Audit, type ReplayPoint } from '../audit';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { ConfigError, loadConfig, temporalAddressOf, type Config } from '../config';
import { Operations } from '../operations';
import { ProblemError, toProblem } from '../problem';
import { PROCESS_DEFINITIONS, processCasesFor } from '../processRegistry';
import { QrbCases } from '../qrbCases';
import type { QrbState } from '../../domain/qrb';
import { openEventStore } from '../../eventstore/openEventStore';
import { renderEvents, renderProblem, renderQrbState } from './render';

const HELP = `ses: SES personnel actions from the command line

Usage: ses <command> [arguments] [--json]

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
                                          an approver acts: {"actor": {"id","role"}, "action": {"type", ...}}
  ses <process> status <caseId>           the case as the workflow holds it

Audit (reads the event store at EVENTSTORE_URL, default sqlite:./data/events.db)
  ses audit events <stream>               every event of a stream, e.g. qrb-QRB-2026-0001
  ses audit replay <stream> [--revision N | --at ISO-INSTANT]
                                          rebuild the case from its events, up to a point
  ses audit verify <stream>               check the stream's hash chain

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
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    return await work(new Operations({ qrb: new QrbCases(client, config.TASK_QUEUE), processes: processCasesFor(client, config.TASK_QUEUE), audit: new Audit(store) })).catch((error: unknown) => {
      if (toProblem(error).error === 'temporal-unavailable') {
        throw new ProblemError({ status: 503, error: 'temporal-unavailable', message: `cannot reach Temporal at ${address}; start the stack with \`npm start\` or set TEMPORAL_ADDRESS` });
      }
      throw error;
    });
  } finally {
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

const run = async (argv: string[]): Promise<{ json: unknown; text: string }> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      revision: { type: 'string' },
      at: { type: 'string' },
      'policy-version': { type: 'string' },
      token: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const [group, command, ...rest] = positionals;
  if (values.help || !group || group === 'help') return { json: { help: HELP }, text: HELP };
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

const runAs = async (
  operations: Operations,
  principal: Principal,
  [group, command, ...rest]: string[],
  values: { revision?: string; at?: string; 'policy-version'?: string },
): Promise<{ json: unknown; text: string }> => {
  const key = `${group} ${command ?? ''}`;
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
  switch (key) {
    case 'qrb submit': {
      const body = readJsonFile(rest[0], 'case');
      const started = (await operations.qrb(principal, 'qrb.submit', null, body)) as { caseId: string; workflowId: string; stream: string };
      return { json: started, text: `submitted ${started.caseId}: workflow ${started.workflowId}, stream ${started.stream}` };
    }
    case 'qrb status': {
      const state = (await operations.status(principal, 'qrb', need(rest[0], 'caseId'))) as QrbState;
      return { json: state, text: renderQrbState(state) };
    }
    case 'audit events': {
      const events = await operations.auditEvents(principal, need(rest[0], 'stream'));
      return { json: events, text: renderEvents(events) };
    }
    case 'audit replay': {
      const stream = need(rest[0], 'stream');
      const replay = await operations.auditReplay(principal, stream, replayPoint(values));
      const view = stream.startsWith('qrb-') ? renderQrbState(replay.state as QrbState) : JSON.stringify(replay.state, null, 2);
      return { json: replay, text: `${replay.stream} replayed through revision ${replay.revision} (${replay.eventsApplied} events)\n${view}` };
    }
    case 'audit verify': {
      const stream = need(rest[0], 'stream');
      const result = await operations.auditVerify(principal, stream);
      const text = result.ok
        ? `${stream}: hash chain intact (${result.events} events)`
        : `${stream}: BROKEN at revision ${result.brokenRevision}: ${result.reason}`;
      if (!result.ok) process.exitCode = 1;
      return { json: result, text };
    }
    default: {
      if (!PROCESS_DEFINITIONS.some((d) => d.name === group)) throw new UsageError(`unknown command "${[group, command, ...rest].join(' ')}"`);
      return runProcessCommand(operations, principal, group!, command, rest, values['policy-version']);
    }
  }
};

const replayPoint = (values: { revision?: string; at?: string }): ReplayPoint => {
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
  policyVersion: string | undefined,
): Promise<{ json: unknown; text: string }> => {
  switch (command) {
    case 'start': {
      const body = readJsonFile(rest[0], 'start');
      const started = await operations.startCase(principal, name, body, policyVersion);
      return { json: started, text: `started ${name} case ${started.caseId}: workflow ${started.workflowId}, stream ${started.stream}` };
    }
    case 'act': {
      const caseId = need(rest[0], 'caseId');
      const body = readJsonFile(rest[1], 'action');
      const state = await operations.act(principal, name, caseId, body);
      return { json: state, text: JSON.stringify(state, null, 2) };
    }
    case 'status': {
      const state = await operations.status(principal, name, need(rest[0], 'caseId'));
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
