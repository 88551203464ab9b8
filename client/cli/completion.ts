// `ses completion bash|zsh`: a shell-completion script made from the command tree,
// so it offers exactly the commands, options and choices ./program defines.
// The script finds the command typed so far (the words that are not options or
// option values) and offers that command's subcommands or options; file arguments
// complete as file names. zsh runs the same function through bashcompinit.
import type { Command, Option } from 'commander';
import { pathOf, type COMPLETION_SHELLS } from './program';

const GLOBAL_FLAGS = ['--json', '--token', '--help'];

/** Arguments named like files (`<case.json>`, `<file>`) complete as file names. */
const isFileArgument = (name: string): boolean => /\.json$|file$/i.test(name);

const quote = (words: readonly string[]): string => `'${words.join(' ')}'`;

const everyCommand = (command: Command): Command[] => [command, ...command.commands.filter((c) => c.name() !== 'help').flatMap(everyCommand)];

const flagsOf = (command: Command): string[] => [
  ...command.options.map((o) => o.long).filter((f): f is string => !!f && !GLOBAL_FLAGS.includes(f)),
  ...GLOBAL_FLAGS,
];

export const bashCompletion = (program: Command): string => {
  const options: Option[] = everyCommand(program).flatMap((c) => [...c.options]);
  const takesValue = [...new Set(options.filter((o) => o.required || o.optional).map((o) => o.long!))];
  const valueCases = [...new Map(options.filter((o) => o.argChoices || o.long === '--out').map((o) => [o.long!, o])).values()].map((o) =>
    o.argChoices
      ? `    ${o.long}) COMPREPLY=($(compgen -W ${quote(o.argChoices)} -- "$cur")); return ;;`
      : `    ${o.long}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`,
  );
  const pathCases: string[] = [];
  for (const command of everyCommand(program)) {
    const path = pathOf(command).join(' ');
    if (command.commands.length > 0) {
      const names = command.commands.map((c) => c.name()).filter((n) => n !== 'help' || command === program);
      pathCases.push(`    ${quote([path])}) words=${quote([...names, ...flagsOf(command)])} ;;`);
      continue;
    }
    const [first] = command.registeredArguments;
    const files = command.registeredArguments.some((a) => isFileArgument(a.name())) ? '; files=1' : '';
    if (first?.argChoices) {
      pathCases.push(`    ${quote([path])}) words=${quote([...first.argChoices, ...flagsOf(command)])} ;;`);
      pathCases.push(`    ${quote([`${path} `])}*) words=${quote(flagsOf(command))} ;;`);
    } else {
      pathCases.push(`    ${quote([path])}|${quote([`${path} `])}*) words=${quote(flagsOf(command))}${files} ;;`);
    }
  }
  return [
    '# bash completion for ses, made by `ses completion bash`.',
    '# Load it with: source <(ses completion bash)   (e.g. in ~/.bashrc)',
    '_ses_complete() {',
    '  local cur=$2 prev=$3 path="" word skip="" words="" files=""',
    '  # The command typed so far: the words after `ses` that are neither options nor option values.',
    '  for word in "${COMP_WORDS[@]:1:$((COMP_CWORD - 1))}"; do',
    '    if [[ -n $skip ]]; then skip=""; continue; fi',
    '    case $word in',
    `      ${takesValue.join('|')}) skip=1 ;;`,
    '      -*) ;;',
    '      *) path="${path:+$path }$word" ;;',
    '    esac',
    '  done',
    '  case $prev in',
    ...valueCases,
    `    ${takesValue.join('|')}) COMPREPLY=(); return ;;`,
    '  esac',
    '  case $path in',
    ...pathCases,
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '  if [[ -n $files && $cur != -* ]]; then COMPREPLY+=($(compgen -f -- "$cur")); fi',
    '}',
    'complete -o filenames -F _ses_complete ses',
    '',
  ].join('\n');
};

export const completionScript = (program: Command, shell: (typeof COMPLETION_SHELLS)[number]): string =>
  shell === 'bash'
    ? bashCompletion(program)
    : [
        '# zsh completion for ses, made by `ses completion zsh`: the bash completion through bashcompinit.',
        '# Load it with: source <(ses completion zsh)   (e.g. in ~/.zshrc, after compinit)',
        'autoload -U +X compinit && { (( $+functions[compdef] )) || compinit; }',
        'autoload -U +X bashcompinit && bashcompinit',
        bashCompletion(program).split('\n').slice(2).join('\n'),
      ].join('\n');
