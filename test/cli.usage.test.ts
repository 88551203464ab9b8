import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Authenticator } from '../client/auth/authenticator';
import { isFresh } from '../client/bin/build';
import { completionScript } from '../client/cli/completion';
import { processCommands } from '../client/cli/processCommands';
import { buildProgram, commandOf, HELP, leavesOf, pathOf, REPORT_NAMES } from '../client/cli/program';
import { loadConfig } from '../client/config';
import { REPORTS } from '../client/operations';
import { PROCESSES } from '../domain/processes';
import { REPO, ses } from './support/cliUnderTest';

/** The `ses` command line itself: help, usage errors, completion, the compiled start, and Temporal out of reach. No stack. */
const cli = suite('ses CLI: usage');

/** Nothing listens on port 1: what `ses` does when Temporal is down. */
const temporalDown = async (): Promise<{ env: NodeJS.ProcessEnv; as: (userId: string) => Promise<NodeJS.ProcessEnv> }> => {
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1', DATA_DIR: mkdtempSync(join(tmpdir(), 'ses-cli-usage-')) };
  delete env.SES_TOKEN;
  const authenticator = await Authenticator.fromConfig(loadConfig(env));
  return { env, as: async (userId) => ({ ...env, SES_TOKEN: (await authenticator.mint(userId)).token }) };
};

const program = buildProgram({ run: async () => undefined, completion: () => undefined });
const leaves = leavesOf(program).map((leaf) => pathOf(leaf));

cli('the overview lists every command, the global options and the exit codes', async () => {
  const help = await ses(process.env, '--help');
  assert.is(help.code, 0, help.err);
  for (const path of leaves) assert.ok(help.out.includes(`ses ${path.join(' ')}`), path.join(' '));
  assert.match(help.out, /--token <jwt>/);
  assert.match(
    help.out,
    /Exit codes\n\s+0\s+done\n\s+1\s+refused or failed.*\n\s+2\s+usage error.*\n\s+3\s+a service is unavailable: Temporal or the event store cannot be reached/,
  );
  assert.is((await ses(process.env)).out, help.out, '`ses` alone prints the same');
  assert.is((await ses(process.env, 'help')).out, help.out);
});

cli('every command has its own --help with a description, its arguments and an example', async () => {
  const vote = await ses(process.env, 'qrb', 'vote', '--help');
  assert.is(vote.code, 0, vote.err);
  assert.match(vote.out, /^Usage: ses qrb vote \[options\] <caseId> <vote\.json>/);
  assert.match(vote.out, /a board member rates every ECQ/);
  assert.match(vote.out, /caseId\s+the case id, e\.g\. QRB-2026-0001/);
  assert.match(vote.out, /Example:\n\s+\$ ses qrb vote QRB-2026-0001 examples\/qrb-vote-m-lee\.json/);
  const exported = await ses(process.env, 'audit', 'export', '--help');
  assert.is(exported.code, 0, exported.err);
  assert.match(exported.out, /^Usage: ses audit export \[options\] \[stream\.\.\.\]/);
  assert.match(exported.out, /--format <F>.*\n?.*choices: "jsonl", "csv"/);
  assert.match(exported.out, /--purpose <why>/);
  assert.match(exported.out, /Global Options:[\s\S]*--token <jwt>/);
  assert.match(exported.out, /Example:\n\s+\$ ses audit export --process probation/);
  // The rest in-process (the two above went through the real `ses`): every leaf's help, as `-h` prints
  // it, has a description and an example of itself.
  for (const leaf of leavesOf(program)) {
    const text = leaf.helpInformation();
    assert.ok(leaf.description().length > 10, `${pathOf(leaf).join(' ')} has a description`);
    assert.match(text, new RegExp(`^Usage: ses ${pathOf(leaf).join(' ')}`), pathOf(leaf).join(' '));
  }
  for (const path of leaves) {
    let printed = '';
    const help = buildProgram({ run: async () => undefined, completion: () => undefined }, { writeOut: (text) => void (printed += text) });
    const exit = await help.parseAsync([...path, '-h'], { from: 'user' }).then(
      () => 'no exit',
      (error: unknown) => (error instanceof CommanderError ? error.exitCode : String(error)),
    );
    assert.is(exit, 0, path.join(' '));
    assert.match(printed, new RegExp(`^Usage: ses ${path.join(' ')}`), path.join(' '));
    assert.match(printed, new RegExp(`\\nExamples?:\\n(\\s+\\$ .*\\n)*\\s+\\$ .*ses ${path.join(' ')}`), `${path.join(' ')} shows an example of itself`);
  }
});

cli('an unknown option is refused with exit 2, naming it; so is a missing subcommand or argument', async () => {
  const unknown = await ses(process.env, 'qrb', 'status', 'QRB-2026-0001', '--colour', 'red');
  assert.is(unknown.code, 2);
  assert.match(unknown.err, /^ses: unknown option '--colour'\nRun `ses qrb status --help` for usage\./);
  const suggested = await ses(process.env, 'audit', 'events', 'qrb-X', '--purpse', 'typo');
  assert.is(suggested.code, 2);
  assert.match(suggested.err, /unknown option '--purpse'\s+\(Did you mean --purpose\?\)/);
  const global = await ses(process.env, '--verbose');
  assert.is(global.code, 2);
  assert.match(global.err, /unknown option '--verbose'/);
  const notHere = await ses(process.env, 'qrb', 'vote', 'QRB-2026-0001', 'vote.json', '--purpose', 'why');
  assert.is(notHere.code, 2, 'an option of other commands is refused too');
  assert.match(notHere.err, /unknown option '--purpose'/);
  assert.is((await ses(process.env, 'qrb')).code, 2, 'a group without its subcommand');
  const missing = await ses(process.env, 'qrb', 'vote', 'QRB-2026-0001');
  assert.is(missing.code, 2);
  assert.match(missing.err, /missing required argument 'vote\.json'/);
  const whatIf = await ses(process.env, 'audit', 'what-if', 'probation-X');
  assert.is(whatIf.code, 2);
  assert.match(whatIf.err, /required option '--policy-version <V>' not specified/);
  const both = await ses(process.env, 'audit', 'replay', 'qrb-X', '--revision', '1', '--at', '2026-01-01T00:00:00Z');
  assert.is(both.code, 2);
  assert.match(both.err, /--revision <N>' cannot be used with option '--at/);
  const notANumber = await ses(process.env, 'report', 'probations-near-end', '--within-days', 'soon');
  assert.is(notANumber.code, 2);
  assert.match(notANumber.err, /--within-days must be a whole number from 1/);
  const verifyBoth = await ses(process.env, 'audit', 'verify', 'qrb-X', '--all');
  assert.is(verifyBoth.code, 2);
  assert.match(verifyBoth.err, /give a stream or --all \(not both\)\nRun `ses audit verify --help`/);
});

cli('an extra argument is refused with exit 2, naming it', async () => {
  const extra = await ses(process.env, 'qrb', 'status', 'QRB-2026-0001', 'QRB-2026-0002');
  assert.is(extra.code, 2);
  assert.match(extra.err, /^ses: unexpected argument 'QRB-2026-0002': `ses qrb status` takes <caseId>\nRun `ses qrb status --help` for usage\./);
  const none = await ses(process.env, 'whoami', 'me', 'too');
  assert.is(none.code, 2);
  assert.match(none.err, /unexpected arguments 'me' 'too': `ses whoami` takes no arguments/);
  const unknownCommand = await ses(process.env, 'qrb', 'approve', 'QRB-2026-0001');
  assert.is(unknownCommand.code, 2);
  assert.match(unknownCommand.err, /unknown command 'approve'/);
  assert.is((await ses(process.env, 'audit', 'export', 'a-1', 'b-2', '--out')).code, 2, 'export takes many streams; --out needs its value');
});

cli('completion: a bash script that completes commands, options, choices and files; zsh through bashcompinit', async () => {
  const bash = await ses(process.env, 'completion', 'bash');
  assert.is(bash.code, 0, bash.err);
  assert.match(bash.out, /complete -o filenames -F _ses_complete ses/);
  for (const path of leaves) assert.ok(bash.out.includes(`'${path.join(' ')}'`), path.join(' '));
  const scriptFile = join(mkdtempSync(join(tmpdir(), 'ses-completion-')), 'ses.bash');
  writeFileSync(scriptFile, bash.out);
  const complete = (...words: string[]) => {
    const script = `source '${scriptFile}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ses_complete ses '${words.at(-1)}' '${words.at(-2)}'; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: REPO });
    assert.is(run.status, 0, run.stderr);
    return run.stdout.trim().split('\n').filter(Boolean);
  };
  assert.equal(complete('ses', 'q'), ['qrb']);
  assert.equal(complete('ses', 'qrb', 'v'), ['vote']);
  assert.equal(complete('ses', 'audit', 'replay', 'qrb-X', '--r'), ['--revision']);
  assert.equal(complete('ses', 'audit', 'export', '--format', ''), ['jsonl', 'csv']);
  assert.equal(complete('ses', 'report', 'p'), ['probations-near-end']);
  assert.equal(complete('ses', 'audit', 'events', '--purpose', 'why', 'qrb-X', '--p'), ['--purpose'], 'an option value is not taken for a command');
  assert.ok(complete('ses', 'qrb', 'vote', 'QRB-1', 'examples/qrb-vote-m-').includes('examples/qrb-vote-m-lee.json'), 'file arguments complete as files');
  const zsh = await ses(process.env, 'completion', 'zsh');
  assert.is(zsh.code, 0, zsh.err);
  assert.match(zsh.out, /bashcompinit/);
  assert.ok(zsh.out.includes(completionScript(program, 'bash').split('\n').slice(2).join('\n')));
  assert.is((await ses(process.env, 'completion', 'fish')).code, 2);
});

cli('Temporal out of reach: status and vote say so in one line naming the address, exit 3 within seconds', async () => {
  const { as } = await temporalDown();
  for (const [user, args] of [
    ['hr-ana', ['qrb', 'status', 'QRB-2026-0001']],
    ['m-lee', ['qrb', 'vote', 'QRB-2026-0001', join(REPO, 'examples', 'qrb-vote-m-lee.json')]],
    ['hr-ana', ['probation', 'status', 'EX-1042-1']],
  ] as const) {
    const started = Date.now();
    const result = await ses(await as(user), ...args);
    const seconds = (Date.now() - started) / 1000;
    assert.is(result.code, 3, `${args.join(' ')}: ${result.err}`);
    assert.equal(
      // (less the notice of a stale dist/, should a source have changed meanwhile)
      result.err
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('ses: dist/')),
      [
        'error (temporal-unavailable): cannot reach Temporal at 127.0.0.1:1: start the stack with `npm start` (the embedded dev server), or set TEMPORAL_ADDRESS to a running cluster',
      ],
      args.join(' '),
    );
    assert.ok(seconds < 15, `${args.join(' ')} took ${seconds} s`);
  }
  const json = await ses(await as('hr-ana'), 'qrb', 'status', 'QRB-2026-0001', '--json');
  assert.is(json.code, 3);
  assert.is(JSON.parse(json.err).status, 503);
  // A refusal that needs no Temporal still comes first: the person may not vote at all.
  const forbidden = await ses(await as('hr-ana'), 'qrb', 'vote', 'QRB-2026-0001', join(REPO, 'examples', 'qrb-vote-m-lee.json'));
  assert.is(forbidden.code, 1, forbidden.err);
  assert.match(forbidden.err, /forbidden/);
  // Commands that read only the event store work without Temporal.
  const list = await ses(await as('aud-frank'), 'audit', 'list');
  assert.is(list.code, 0, list.err);
});

cli('`ses --help` runs the compiled CLI from dist/, not the TypeScript sources', async () => {
  const build = spawnSync(process.execPath, [join(REPO, 'client', 'bin', 'build.js')], { cwd: REPO, encoding: 'utf8' });
  assert.is(build.status, 0, build.stderr);
  const probe = join(mkdtempSync(join(tmpdir(), 'ses-cli-probe-')), 'probe.js');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));\n");
  const run = spawnSync(process.execPath, ['--require', probe, join(REPO, 'client', 'bin', 'ses.js'), '--help'], { cwd: REPO, encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ses: SES personnel actions from the command line/);
  const loaded = JSON.parse(run.stderr) as string[];
  assert.ok(loaded.includes(join(REPO, 'dist', 'client', 'cli', 'main.js')), 'dist/client/cli/main.js ran');
  assert.not.ok(
    loaded.some((file) => file.includes(`${join('node_modules', 'tsx')}`)),
    'no tsx',
  );
  assert.not.ok(
    loaded.some((file) => /node_modules[\\/](@temporalio|better-sqlite3|zod|jose)[\\/]/.test(file)),
    `help loads no client or store: ${loaded.filter((f) => f.includes('node_modules')).join(', ')}`,
  );
  // The process commands help lists come from the build, as the definitions give them.
  assert.equal(JSON.parse(readFileSync(join(REPO, 'dist', 'client', 'cli', 'processCommands.json'), 'utf8')), processCommands());
});

cli('dist/ is stale once a source is newer than its last successful build', () => {
  const root = mkdtempSync(join(tmpdir(), 'ses-build-'));
  mkdirSync(join(root, 'dist'));
  mkdirSync(join(root, 'client'));
  writeFileSync(join(root, 'client', 'a.ts'), '');
  assert.not.ok(isFresh(root), 'never built');
  writeFileSync(join(root, 'dist', '.built'), '');
  const now = Date.now() / 1000;
  utimesSync(join(root, 'client', 'a.ts'), now - 60, now - 60);
  utimesSync(join(root, 'dist', '.built'), now - 30, now - 30);
  assert.ok(isFresh(root));
  utimesSync(join(root, 'client', 'a.ts'), now, now);
  assert.not.ok(isFresh(root), 'a source saved after the build');
});

cli('every process has its commands, from its definition; the help examples name only processes and actions there are', () => {
  assert.equal([...REPORT_NAMES], [...REPORTS]);
  for (const { name, startVerb = 'start', namedActions = [] } of PROCESSES) {
    const commands = leaves.filter((path) => path[0] === name).map((path) => path[1]);
    assert.equal(commands.sort(), [startVerb, 'act', 'status', ...namedActions.map((n) => commandOf(n.operation))].sort(), name);
  }
  assert.equal(
    leaves.filter((path) => path[0] === 'qrb').map((path) => path[1]),
    ['submit', 'convene', 'vote', 'resubmit', 'withdraw', 'transition', 'appoint', 'act', 'status'],
    'the QRB commands of earlier releases keep their names',
  );
  for (const [name, help] of Object.entries(HELP)) {
    const process = PROCESSES.find((p) => p.name === name);
    assert.ok(process, `help for ${name}, a process there is not`);
    for (const operation of Object.keys(help.named ?? {}))
      assert.ok(
        process.namedActions?.some((n) => n.operation === operation),
        `${name}: ${operation}`,
      );
  }
});

cli.run();
