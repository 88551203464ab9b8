// `ses`: the command line. client/bin/ses.js runs the compiled form of this file
// (dist/client/cli/main.js). Parsing and help need only ./program (commander); a
// command's own module, with Temporal and the stores, loads when it runs.
import { CommanderError } from 'commander';
import { completionScript } from './completion';
import { buildProgram, EXIT, UsageError, type Invocation } from './program';

type Commands = typeof import('./commands');
/**
 * The commands module, loaded when a command runs. `require` rather than `import()`:
 * the tsx fallback of client/bin/ses.js hooks require only, and compiled CommonJS
 * turns import() into require anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadCommands = (): Commands => require('./commands') as Commands;

const isConfigError = (error: unknown): boolean => error instanceof Error && error.name === 'ConfigError';

export const main = async (argv: string[]): Promise<number> => {
  const asJson = argv.includes('--json');
  let commands: Commands | undefined;
  let current: Invocation | undefined;
  const program = buildProgram(
    {
      async run(invocation) {
        current = invocation;
        commands = loadCommands();
        const { json, text } = await commands.execute(invocation);
        console.log(asJson ? JSON.stringify(json, null, 2) : text);
      },
      completion: (shell) => process.stdout.write(completionScript(program, shell)),
    },
    // `ses --help --json`: the help as {"help": "..."}.
    asJson ? { writeOut: (text) => process.stdout.write(`${JSON.stringify({ help: text.trimEnd() }, null, 2)}\n`) } : undefined,
  );
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.done;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.done;
  } catch (error) {
    // Help shown (0), or a usage error commander has already printed.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.done : EXIT.usage;
    if (error instanceof UsageError || isConfigError(error)) {
      const help = ['ses', ...(current?.path ?? []), '--help'].join(' ');
      console.error(`ses: ${(error as Error).message}\nRun \`${help}\` for usage.`);
      return EXIT.usage;
    }
    const { problem, text, exitCode } = (commands ?? loadCommands()).failure(error);
    console.error(asJson ? JSON.stringify(problem, null, 2) : text);
    return exitCode;
  }
};

/** Runs `ses` with this process's arguments and sets its exit code. */
export const run = async (): Promise<void> => {
  // `ses --help | head`: the reader left; stop quietly as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const code = await main(process.argv.slice(2));
  // A service that could not be reached may leave the client's retries running: leave now.
  if (code === EXIT.unavailable) process.exit(code);
  process.exitCode = code;
};

// `node dist/client/cli/main.js …` as well as client/bin/ses.js (which calls run()).
if (require.main === module) void run();
