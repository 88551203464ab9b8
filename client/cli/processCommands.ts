// The commands of every process as `ses` offers them, from the process definitions
// (domain/processes.ts). The build writes them beside the compiled CLI as
// processCommands.json (client/bin/build.js), so `ses --help` lists them without
// loading the definitions (nor zod); run from the sources, ./program derives them here.
import { PROCESSES } from '../../domain/processes';

export interface ProcessCommands {
  name: string;
  title: string;
  /** The start's command: "start", or the process's own word ("submit" a QRB case). */
  startVerb: string;
  /** The actions with their own path: the operation (its verb is the command) and what it does. */
  namedActions: { operation: string; summary: string }[];
}

export const processCommands = (): ProcessCommands[] =>
  PROCESSES.map(({ name, title, startVerb = 'start', namedActions = [] }) => ({
    name,
    title,
    startVerb,
    namedActions: namedActions.map(({ operation, summary }) => ({ operation, summary })),
  }));
