import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  /** LOG_LEVEL from the configuration; lines below it are not written. */
  level: LogLevel;
  /** Which process writes the line: "api", "worker" or "ses" (`npm start` runs both). */
  service: string;
  /** Where the JSON lines go: standard output by default; tests pass a stream they read. */
  destination?: DestinationStream;
}

/**
 * The one structured logger: a JSON object per line (pino) with `level`, `time`,
 * `service` and `msg`. What goes in a line is the caller's choice and must never
 * be case content or personal data; the request log (requestLog.ts) shows how.
 */
export const createLogger = ({ level, service, destination }: LoggerOptions): Logger => {
  const options = {
    level,
    base: { service },
    // Errors go under `err`, where pino's serializer writes their type, message and stack.
    serializers: { err: pino.stdSerializers.err },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // Standard output, written synchronously, unless a test hands its own stream.
  return destination ? pino(options, destination) : pino(options);
};
