import { evolveQrb, initialQrbState, parseQrbEvent } from '../domain/qrb';
import { PROCESS_DEFINITIONS } from './processRegistry';

/** QRB as the fold needs it: the same parts a ProcessDefinition gives `replay`. */
const qrbProcess = { name: 'qrb', initialState: initialQrbState, evolve: evolveQrb, parseEvent: parseQrbEvent } as const;

/** Every process with streams; a stream is named `<process>-<caseId>`. */
export const STREAM_PROCESSES = [qrbProcess, ...PROCESS_DEFINITIONS] as const;

export type StreamProcess = (typeof STREAM_PROCESSES)[number];

/** The process a stream belongs to, or null (e.g. a delegation stream, which no process folds). */
export const processOfStream = (stream: string): StreamProcess | null => STREAM_PROCESSES.find((p) => stream.startsWith(`${p.name}-`)) ?? null;
