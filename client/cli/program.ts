// The `ses` command tree: every command, its arguments, options, help text and an
// example, on commander. Light on purpose: it imports commander and nothing that
// talks to Temporal or a database, nor the process definitions (their commands come
// from ./processCommands, as JSON once built), so `ses --help` and a usage error
// answer fast; the commands themselves (./commands) are loaded only when one runs.
import { Argument, Command, InvalidArgumentError, Option, type Help } from 'commander';
import type { ReportName } from '../operations';
import { addAppraisalCycleCommands } from './appraisalCycleProgram';
import type { ProcessCommands } from './processCommands';

/** What the process exits with; `ses --help` and the README list them. */
export const EXIT = {
  /** The command did what it was asked. */
  done: 0,
  /** Refused (a rule, a role, a bad body) or failed (a broken chain, a difference found). */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, a missing or extra argument. */
  usage: 2,
  /** A service is unavailable: Temporal or the event store cannot be reached (the 503 problem). */
  unavailable: 3,
} as const;

/** A command line that cannot run as written: exit 2, with a pointer to the command's help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The report names, here rather than imported so help needs no operations module; the type keeps them in step. */
export const REPORT_NAMES = [
  'qrb-decision-time',
  'ecq-approval-rates',
  'overdue-onboarding-milestones',
  'probations-near-end',
  'appraisal-ratings-by-level',
  'appraisal-overdue-plans',
  'appraisal-overdue-progress-reviews',
] as const satisfies readonly ReportName[];
type MissingReport = Exclude<ReportName, (typeof REPORT_NAMES)[number]>;
const _everyReportListed: [MissingReport] extends [never] ? true : MissingReport = true;

/**
 * Every process's commands: the build's processCommands.json beside the compiled CLI, or,
 * run from the sources, derived from the definitions there and then.
 */
export const processCommandsNow = (): ProcessCommands[] => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./processCommands.json') as ProcessCommands[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./processCommands') as typeof import('./processCommands')).processCommands();
  }
};

/** The CLI command of an action with its own path: its operation's verb (`qrb.vote`: `ses qrb vote`). */
export const commandOf = (operation: string): string => operation.slice(operation.indexOf('.') + 1);

/** An example to show in a command's help: the JSON file and the person who sends it. */
interface Example {
  file: string;
  person: string;
}

/**
 * What the help of a process's commands shows besides its definition: an example case id,
 * the start body's file, an action and each named action's file; documentation only, a
 * process without an entry gets generic words.
 */
export const HELP: Record<
  string,
  {
    caseId: string;
    start?: { file: string; what: string; example: string };
    act?: Example;
    named?: Record<string, Example & { argument: string; what: string }>;
  }
> = {
  qrb: {
    caseId: 'QRB-2026-0001',
    start: { file: 'case.json', what: 'the case (candidate, position, ECQ narratives; see examples/qrb-case.json)', example: 'examples/qrb-case.json' },
    named: {
      'qrb.convene': {
        argument: 'board.json',
        what: 'the board (members and their appointments)',
        file: 'examples/qrb-board.json',
        person: 'opm-kim',
      },
      'qrb.vote': {
        argument: 'vote.json',
        what: "the member's rating of each ECQ",
        file: 'examples/qrb-vote-m-lee.json',
        person: 'm-lee',
      },
      'qrb.resubmit': {
        argument: 'resubmission.json',
        what: '{"resubmittedBy", "evidence"}',
        file: 'resubmission.json',
        person: 'hr-ana',
      },
      'qrb.withdraw': {
        argument: 'withdrawal.json',
        what: '{"withdrawnBy", "reason"}',
        file: 'withdrawal.json',
        person: 'hr-ana',
      },
      'qrb.transition': {
        argument: 'transition.json',
        what: '{"action": "hold"|"release"|"return", "by", "reason"}',
        file: 'transition.json',
        person: 'opm-kim',
      },
      'qrb.appoint': {
        argument: 'appointment.json',
        what: '{"recordedBy", "appointmentId", "executiveId", "effectiveDate", ...}',
        file: 'appointment.json',
        person: 'hr-ana',
      },
    },
  },
  probation: { caseId: 'EX-1042-1', act: { file: 'examples/probation-assessment.json', person: 'sup-ortiz' } },
  onboarding: { caseId: 'EX-1042-1', act: { file: 'examples/onboarding-assign.json', person: 'hr-ana' } },
  rotation: { caseId: 'ROT-2026-0007', act: { file: 'examples/rotation-interest.json', person: 'emp-okafor' } },
  reassignment: { caseId: 'RA-2026-0001', act: { file: 'examples/reassignment-consultation.json', person: 'aa-wong' } },
};

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;

/** One command's parsed command line, as the commands module runs it. */
export interface Invocation {
  /** The command's words, e.g. ['qrb', 'vote']. */
  path: string[];
  /** Its arguments in order; a variadic one is an array. */
  args: unknown[];
  /** Its options and the global ones (--json, --token). */
  options: Record<string, unknown>;
}

export interface ProgramActions {
  /** Runs a command (every leaf but `completion`). */
  run(invocation: Invocation): Promise<void>;
  /** Prints the completion script for a shell. */
  completion(shell: (typeof COMPLETION_SHELLS)[number]): void;
}

const wholeNumber =
  (min: number, what: string) =>
  (value: string): number => {
    const number = Number(value);
    if (!(Number.isInteger(number) && number >= min)) throw new InvalidArgumentError(`${what} must be a whole number from ${min}`);
    return number;
  };

const isoInstant = (value: string): string => {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be an ISO instant, e.g. 2026-03-01T12:00:00Z');
  return value;
};

const purposeOption = () => new Option('--purpose <why>', 'why you read the case: entered in the access log (required for audit reads of a case)');
const policyVersionOption = (what: string) => new Option('--policy-version <V>', what);

/** The command's words below the root, e.g. "qrb vote". */
export const pathOf = (command: Command): string[] => {
  const words: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) words.unshift(current.name());
  return words;
};

/** Leaves are the commands that run; groups (qrb, audit, ...) only hold them. */
export const leavesOf = (command: Command): Command[] =>
  command.commands.length === 0 ? [command] : command.commands.filter((c) => c.name() !== 'help').flatMap(leavesOf);

/** The option flags a command itself adds (not --help, not the global ones). */
export const ownOptionsOf = (command: Command): readonly Option[] => command.options.filter((o) => o.long !== '--help');

/**
 * The top-level help: every runnable command on one line (`ses qrb vote <caseId>
 * <vote.json>`), grouped as the commands are (helpGroup), then the global options and
 * the exit codes. Built from the tree, so a new command shows up by itself.
 */
const overview = (program: Command): string => {
  const lines = [
    'ses: SES personnel actions from the command line',
    '',
    'Usage: ses <command> [arguments] [options]',
    "       ses <command> --help        a command's arguments and options, with an example",
    '',
    'Every command acts as the person of a bearer token: --token, or SES_TOKEN in the',
    'environment. For the embedded default: export SES_TOKEN=$(npx ses token mint hr-ana)',
  ];
  const groups = new Map<string, Command[]>();
  for (const command of program.commands) {
    if (command.name() === 'help') continue;
    const heading = command.helpGroup() || 'Commands';
    groups.set(heading, [...(groups.get(heading) ?? []), ...leavesOf(command)]);
  }
  for (const [heading, leaves] of groups) {
    lines.push('', heading.replace(/:$/, ''));
    for (const leaf of leaves) lines.push(...usageLines(leaf));
  }
  lines.push(
    '',
    'Options (every command)',
    '  --json                                  print JSON instead of text (an error too, on stderr)',
    '  --token <jwt>                           the bearer token (default: SES_TOKEN)',
    "  -h, --help                              this text, or a command's own help",
    '',
    'Exit codes',
    `  ${EXIT.done}  done`,
    `  ${EXIT.failed}  refused or failed: the message names the field and rule (or the broken revision, the difference)`,
    `  ${EXIT.usage}  usage error: unknown command or option, a missing or extra argument, a file that cannot be read`,
    `  ${EXIT.unavailable}  a service is unavailable: Temporal or the event store cannot be reached (the 503 problem)`,
    '',
    'Shell completion: ses completion bash (or zsh); see the README. Examples of the JSON files: examples/.',
  );
  return `${lines.join('\n')}\n`;
};

const COLUMN = 42;
const WIDTH = 100;

/** `  ses audit replay <stream> [--revision N] [--at ISO-INSTANT] [--purpose why]` and the description, wrapped. */
const usageLines = (leaf: Command): string[] => {
  const words = [
    'ses',
    ...pathOf(leaf),
    ...leaf.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`)),
    ...ownOptionsOf(leaf).map((o) => {
      const flag = o.flags.replace(/^-\w, /, '').replace(/ <(.+)>$/, ' $1');
      return o.mandatory ? flag : `[${flag}]`;
    }),
  ];
  const lines: string[] = [];
  let line = ' ';
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH && line.trim()) {
      lines.push(line);
      line = '       ';
    }
    line += ` ${word}`;
  }
  const description = leaf.summary() || leaf.description();
  if (line.length < COLUMN - 1) return [...lines, `${line.padEnd(COLUMN)}${description}`];
  return [...lines, line, `${''.padEnd(COLUMN)}${description}`];
};

/** The root command: its help is the overview; commands are added by buildProgram. */
class SesProgram extends Command {
  override helpInformation(): string {
    return overview(this);
  }
}

/** Extra words after a command's arguments: a usage error naming them (exit 2). */
const refuseExcessArguments = (command: Command): void => {
  const declared = command.registeredArguments;
  if (declared.at(-1)?.variadic) return;
  const extra = command.args.slice(declared.length);
  if (extra.length === 0) return;
  const takes = declared.length === 0 ? 'takes no arguments' : `takes ${declared.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ')}`;
  command.error(
    `ses: unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `'${a}'`).join(' ')}: \`ses ${pathOf(command).join(' ')}\` ${takes}`,
    {
      code: 'commander.excessArguments',
      exitCode: EXIT.usage,
    },
  );
};

const example = (...commands: string[]): string => `\nExample${commands.length > 1 ? 's' : ''}:\n${commands.map((c) => `  $ ${c}`).join('\n')}`;

/**
 * Builds the whole tree. Parsing never exits the process: errors and help come back
 * as a thrown CommanderError (exitOverride), and the caller maps them to exit codes.
 */
export const buildProgram = (actions: ProgramActions, output?: { writeOut?: (text: string) => void; writeErr?: (text: string) => void }): Command => {
  const program = new SesProgram('ses');
  program
    .description('SES personnel actions from the command line')
    .addOption(new Option('--json', 'print JSON instead of text (an error too, on stderr)'))
    .addOption(new Option('--token <jwt>', 'the bearer token').env('SES_TOKEN'))
    .configureHelp({ showGlobalOptions: true, helpWidth: WIDTH } satisfies Partial<Help>)
    .configureOutput({
      ...(output?.writeOut ? { writeOut: output.writeOut } : {}),
      ...(output?.writeErr ? { writeErr: output.writeErr } : {}),
      outputError: (text, write) => write(text.replace(/^error: /, 'ses: ')),
    })
    .exitOverride()
    .allowExcessArguments(false);

  const group = (name: string, description: string, heading: string) => program.command(name).description(description).helpGroup(heading);
  const leaf = (parent: Command, nameAndArgs: string, summary: string) => parent.command(nameAndArgs).summary(summary).description(summary);

  // Tokens
  const token = group('token', 'dev tokens for the people of config/users.json (embedded default only)', 'Tokens');
  leaf(token, 'mint', 'a dev token for a user of config/users.json (default 1 h, at most 12 h)')
    .description(
      'Prints a signed dev token for a user of config/users.json (AUTH_USERS_FILE), signed by the local key in DATA_DIR. Needs no token itself; refused when an OIDC issuer is configured.',
    )
    .argument('<user-id>', 'a user id of config/users.json, e.g. hr-ana')
    .option('--ttl <seconds>', 'the lifetime in seconds (default 3600, at most 43200)')
    .addHelpText('after', example('export SES_TOKEN=$(ses token mint hr-ana)', 'ses token mint aud-frank --ttl 600'));
  leaf(program, 'whoami', 'the person and roles of the token')
    .helpGroup('Tokens')
    .addHelpText('after', example('ses whoami --token "$(ses token mint hr-ana)"'));

  // The cases of every process: its start, its actions (those with their own path too), its status.
  const fileArgument = (name: string, what: string) => new Argument(`<${name}>`, `${what}: a JSON file, or - for stdin`);
  const processes = processCommandsNow();
  for (const { name, title, startVerb, namedActions } of processes) {
    const help = HELP[name] ?? { caseId: 'CASE-1' };
    const start = help.start ?? { file: 'start.json', what: `the start body (see examples/${name}-start.json)`, example: `examples/${name}-start.json` };
    const act = help.act ?? { file: 'action.json', person: 'hr-ana' };
    const caseIdArgument = () => new Argument('<caseId>', `the case id, e.g. ${help.caseId}`);
    const cases = group(
      name,
      `${title}: ${startVerb} a case, act on it, read it`,
      'Cases (talk to Temporal at TEMPORAL_ADDRESS, default the embedded dev server)',
    );
    leaf(cases, startVerb, `HR specialist ${startVerb}s a case`)
      .addArgument(fileArgument(start.file, start.what))
      .addOption(policyVersionOption('the policy the case runs under, e.g. what-if-2yr-probation (default: the policy in force)'))
      .addHelpText('after', example(`ses ${name} ${startVerb} ${start.example} --token "$(ses token mint hr-ana)"`));
    for (const { operation, summary } of namedActions) {
      const named = help.named?.[operation] ?? { argument: 'body.json', what: 'the body', file: 'body.json', person: 'hr-ana' };
      leaf(cases, commandOf(operation), `${summary[0]!.toLowerCase()}${summary.slice(1)}`)
        .addArgument(caseIdArgument())
        .addArgument(fileArgument(named.argument, named.what))
        .addHelpText('after', example(`ses ${name} ${commandOf(operation)} ${help.caseId} ${named.file} --token "$(ses token mint ${named.person})"`));
    }
    leaf(cases, 'act', 'an approver acts: {"actor": {"id", "role"[, "delegationId"]}, "action": {"type", ...}}')
      .addArgument(caseIdArgument())
      .addArgument(fileArgument('action.json', 'the action and who takes it'))
      .addHelpText('after', example(`ses ${name} act ${help.caseId} ${act.file} --token "$(ses token mint ${act.person})"`));
    leaf(cases, 'status', 'the case as the workflow holds it')
      .addArgument(caseIdArgument())
      .addOption(purposeOption())
      .addHelpText('after', example(`ses ${name} status ${help.caseId} --token "$(ses token mint hr-ana)"`));
  }

  // Everyone's work
  const everyone = "Everyone's work";
  leaf(program, 'inbox', 'decisions waiting on you (due dates, overdue) and the cases you started')
    .helpGroup(everyone)
    .addHelpText('after', example('ses inbox --token "$(ses token mint sup-ortiz)"'));
  const notifications = group('notifications', 'what you were told: reminders, escalations, outcomes (also by mail)', everyone);
  leaf(notifications, 'list', 'your notifications, newest first, with the unread ones marked')
    .addOption(new Option('--unread', 'only the unread ones'))
    .addHelpText(
      'after',
      example('ses notifications list --token "$(ses token mint m-lee)"', 'ses notifications list --unread --json --token "$(ses token mint ero-kim)"'),
    );
  leaf(notifications, 'read', 'mark one of your notifications read')
    .addArgument(new Argument('<id>', 'the notification id, as the list shows it'))
    .addHelpText('after', example('ses notifications read 3f2a9c0d1e4b5a6978c8d7e6f5a4b3c2 --token "$(ses token mint m-lee)"'));
  const delegation = group('delegation', 'acting officials: grant, revoke, show a delegation', everyone);
  leaf(delegation, 'grant', 'name an acting official for some approvals, from-until')
    .addArgument(fileArgument('grant.json', '{"delegationId", "from", "to", "role", "approvals", "validFrom", "validUntil", "reason"}'))
    .addHelpText('after', example('ses delegation grant grant.json --token "$(ses token mint aa-wong)"'));
  leaf(delegation, 'revoke', 'end a delegation early: {"reason": "..."}')
    .addArgument(new Argument('<id>', 'the delegation id, e.g. DEL-2026-0001'))
    .addArgument(fileArgument('reason.json', '{"reason": "..."}'))
    .addHelpText('after', example('ses delegation revoke DEL-2026-0001 examples/delegation-revoke.json --token "$(ses token mint aa-wong)"'));
  leaf(delegation, 'show', "a delegation's terms and status")
    .addArgument(new Argument('<id>', 'the delegation id, e.g. DEL-2026-0001'))
    .addHelpText('after', example('ses delegation show DEL-2026-0001 --token "$(ses token mint aa-acting)"'));
  leaf(program, 'report', REPORT_NAMES.join(', '))
    .helpGroup(everyone)
    .description(
      'A report from the read model: time to QRB decision, ECQ approval rates, overdue onboarding milestones, probations ending soon, ' +
        'final appraisal ratings by level per agency and cycle, appraisal plans and progress reviews overdue.',
    )
    .addArgument(new Argument('<name>', 'the report').choices(REPORT_NAMES))
    .addOption(new Option('--within-days <N>', 'probations-near-end: probations ending within N days (default 90)').argParser(wholeNumber(1, '--within-days')))
    .addHelpText(
      'after',
      example(
        'ses report qrb-decision-time --token "$(ses token mint ero-kim)"',
        'ses report probations-near-end --within-days 400 --token "$(ses token mint ero-kim)"',
      ),
    );

  addAppraisalCycleCommands({ group, leaf, example, fileArgument }, everyone);

  // Audit
  const audit = group(
    'audit',
    "the auditor's toolkit: read, replay, verify, compare and export the record",
    'Audit (auditors; reads the event store at EVENTSTORE_URL, default sqlite:./data/events.db).\nEach read of a case is entered in the access log with --purpose "why" (required).',
  );
  const streamArgument = () => new Argument('<stream>', "the case's stream, e.g. qrb-QRB-2026-0001 or probation-EX-1042-1");
  const auditExample = (command: string) => example(`ses audit ${command} --token "$(ses token mint aud-frank)"`);
  const filterOptions = (command: Command) =>
    command
      .option('--process <P>', processes.map((p) => p.name).join(', '))
      .option('--agency <A>', 'the agency code, e.g. DOE')
      .option('--status <S>', 'the case status, e.g. CERTIFIED')
      .option('--from <DATE>', 'started on or after this date (YYYY-MM-DD)')
      .option('--to <DATE>', 'started on or before this date (YYYY-MM-DD)');
  filterOptions(leaf(audit, 'list', 'the cases, filtered (start dates inclusive)')).addHelpText(
    'after',
    auditExample('list --process probation --agency DOE --from 2026-01-01'),
  );
  leaf(audit, 'events', 'every event of a stream, e.g. qrb-QRB-2026-0001')
    .addArgument(streamArgument())
    .addOption(purposeOption())
    .addHelpText('after', auditExample('events qrb-QRB-2026-0001 --purpose "annual SES audit"'));
  leaf(audit, 'replay', 'rebuild the case from its events, up to a point')
    .addArgument(streamArgument())
    .addOption(new Option('--revision <N>', 'replay through this revision (0 is the first event)').argParser(wholeNumber(0, '--revision')).conflicts('at'))
    .addOption(new Option('--at <ISO-INSTANT>', 'replay the events that occurred up to this instant').argParser(isoInstant))
    .addOption(purposeOption())
    .addHelpText('after', auditExample('replay qrb-QRB-2026-0001 --revision 1 --purpose "annual SES audit"'));
  leaf(audit, 'history', 'what changed at each event (before -> after)')
    .addArgument(streamArgument())
    .addOption(purposeOption())
    .addHelpText('after', auditExample('history probation-EX-1042-1 --purpose "annual SES audit"'));
  leaf(audit, 'verify', "check a stream's hash chain and its head against the latest signed checkpoint, or every stream's (--all); exit 1 if broken")
    .addArgument(new Argument('[stream]', 'the stream to check (or --all)'))
    .option('--all', "check every stream's chain; names each first broken revision, and each stream the checkpoint holds that the store lost")
    .option('--checkpoint <FILE>', 'verify against your own copy of the checkpoints (`audit checkpoint export`) instead of the latest kept one')
    .addOption(purposeOption())
    .addHelpText(
      'after',
      example(
        'ses audit verify qrb-QRB-2026-0001 --purpose "annual SES audit" --token "$(ses token mint aud-frank)"',
        'ses audit verify --all --checkpoint ~/checkpoints.json --token "$(ses token mint aud-frank)"',
      ),
    );
  const checkpoint = audit
    .command('checkpoint')
    .description('signed checkpoints: the whole store committed to one Merkle root, signed; kept in the store, copied off the machine');
  leaf(checkpoint, 'create', 'sign a checkpoint of the store now (unless nothing moved since the latest)').addHelpText(
    'after',
    auditExample('checkpoint create'),
  );
  leaf(checkpoint, 'list', 'the kept checkpoints, oldest first').addHelpText('after', auditExample('checkpoint list'));
  leaf(checkpoint, 'export', 'every kept checkpoint with its stream heads: your own copy, for verify --checkpoint')
    .option('--out <FILE>', 'write the copy to this file (default: stdout)')
    .addHelpText('after', auditExample('checkpoint export --out ~/checkpoints.json'));
  leaf(checkpoint, 'public-key', "the checkpoint key's public half, to publish (CHECKPOINT_PUBLIC_KEY); no token").addHelpText(
    'after',
    example('ses audit checkpoint public-key'),
  );
  leaf(audit, 'compare', "the replayed state against the workflow's live state; exit 1 on a difference")
    .addArgument(streamArgument())
    .addOption(purposeOption())
    .addHelpText('after', auditExample('compare probation-EX-1042-1 --purpose "annual SES audit"'));
  leaf(audit, 'what-if', "re-run the case's recorded inputs under another policy")
    .addArgument(streamArgument())
    .addOption(policyVersionOption('the other policy, e.g. what-if-2yr-probation').makeOptionMandatory())
    .addOption(new Option('--until <ISO-INSTANT>', 'stop both sides at this instant').argParser(isoInstant))
    .addOption(purposeOption())
    .addHelpText('after', auditExample('what-if probation-EX-1042-1 --policy-version what-if-2yr-probation --purpose "2-year probation study"'));
  filterOptions(
    leaf(audit, 'export', 'the cases with their hash chains, for offline checking').addArgument(
      new Argument('[stream...]', 'the streams to export (default: every case the filters select)'),
    ),
  )
    .addOption(new Option('--format <F>', 'JSON Lines (with a header of event counts) or CSV').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--out <FILE>', 'write the export to this file (default: stdout)')
    .addOption(purposeOption())
    .addHelpText('after', auditExample('export --process probation --format csv --out /tmp/probation.csv --purpose "annual SES audit"'));
  leaf(audit, 'verify-export', "check an export's chains and its signed checkpoint offline (no token, no store)")
    .addArgument(new Argument('<file>', 'the export file'))
    .addOption(new Option('--format <F>', "the file's format (default: csv for a .csv file, else jsonl)").choices(['jsonl', 'csv']))
    .option('--public-key <KEY>', "the checkpoint key's public half (default: CHECKPOINT_PUBLIC_KEY), to check the checkpoint's signature")
    .addHelpText(
      'after',
      example('ses audit verify-export /tmp/probation.jsonl --public-key "$(ses audit checkpoint public-key)"', 'ses audit verify-export /tmp/probation.csv'),
    );
  leaf(audit, 'access-log', 'who read or exported the case (or any case), when and why')
    .addArgument(new Argument('[stream]', "the case's stream (default: every case)"))
    .option('--person <ID>', 'only the accesses of this person (without a stream)')
    .addOption(new Option('--from <ISO-INSTANT>', 'at or after this instant (without a stream)').argParser(isoInstant))
    .addOption(new Option('--to <ISO-INSTANT>', 'before this instant (without a stream)').argParser(isoInstant))
    .addHelpText('after', auditExample('access-log probation-EX-1042-1'))
    .addHelpText('after', auditExample('access-log --person aud-frank --from 2026-03-01T00:00:00Z'));

  // The shell
  leaf(program, 'completion', 'print a shell-completion script (bash or zsh)')
    .helpGroup('Shell')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      example(
        'source <(ses completion bash)   # in this shell; add the line to ~/.bashrc to keep it',
        'source <(ses completion zsh)    # the same for zsh, in ~/.zshrc',
      ),
    );

  for (const command of leavesOf(program)) {
    command.showHelpAfterError(`Run \`ses ${pathOf(command).join(' ')} --help\` for usage.`);
    // Checked in the action so the message can name the extra words (commander's only counts them).
    command.allowExcessArguments(true);
    const completion = pathOf(command)[0] === 'completion';
    command.action(async (...parameters: unknown[]) => {
      const self = parameters.at(-1) as Command;
      refuseExcessArguments(self);
      if (completion) actions.completion(self.processedArgs[0] as (typeof COMPLETION_SHELLS)[number]);
      else await actions.run({ path: pathOf(self), args: [...self.processedArgs], options: self.optsWithGlobals() });
    });
  }
  for (const command of [program, ...program.commands]) {
    if (command.commands.length > 0) command.showHelpAfterError(`Run \`${['ses', ...pathOf(command)].join(' ')} --help\` for usage.`);
  }
  return program;
};
