import type { Client } from '@temporalio/client';
import { onboardingDefinition } from '../domain/onboarding';
import { probationDefinition } from '../domain/probation';
import { rotationDefinition } from '../domain/rotation';
import { ProcessCases } from './processCases';
import { wallClock } from './wallClock';

/** Every process the CLI and the HTTP API drive through start / act / status (QRB has its own commands). */
export const PROCESS_DEFINITIONS = [probationDefinition, onboardingDefinition, rotationDefinition] as const;

export type AnyProcessCases = ProcessCases<unknown, never, never, unknown, { type: string }>;

export const processCasesFor = (client: Client, taskQueue: string, now: () => Promise<string> = wallClock): Map<string, AnyProcessCases> =>
  new Map(PROCESS_DEFINITIONS.map((definition) => [definition.name, new ProcessCases(client, taskQueue, definition as never, now) as AnyProcessCases]));
