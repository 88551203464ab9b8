import { existsSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import { ConfigError, type Config } from './config';
import type { Tracing } from './observability/tracing';
import { briefGrpcRetries } from './temporalRetries';

/** What Connection.connect, Connection.lazy and the worker's NativeConnection.connect take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

/** Which Temporal the worker, the API and the CLI join, and how. */
export interface TemporalTarget {
  /** false: no address anywhere, so the embedded dev server (`npm start`) is expected at `address`. */
  external: boolean;
  address: string;
  namespace: string;
  connectionOptions: TemporalConnectionOptions;
  /** For start-up lines: address, namespace, profile, TLS and whether an API key is used (never the key). */
  description: string;
}

const DEFAULT_NAMESPACE = 'default';

/**
 * Temporal's environment configuration, the same the `temporal` CLI and every SDK
 * read: a profile (TEMPORAL_PROFILE, else "default") of a TOML file
 * (TEMPORAL_CONFIG_FILE, else ~/.config/temporalio/temporal.toml when it exists),
 * overridden by TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*
 * and TEMPORAL_GRPC_META_*. No address anywhere: the embedded dev server on
 * 127.0.0.1:TEMPORAL_DEV_PORT, namespace "default", no TLS, as before.
 */
export const temporalTargetOf = (config: Pick<Config, 'TEMPORAL_DEV_PORT'>, env: NodeJS.ProcessEnv = process.env): TemporalTarget => {
  const vars = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && (entry[1] !== '' || entry[0].startsWith('TEMPORAL_GRPC_META_'))),
  );
  if (vars.TEMPORAL_CONFIG_FILE !== undefined && !existsSync(vars.TEMPORAL_CONFIG_FILE)) {
    // envconfig treats a missing file as no file; one named on purpose must exist.
    throw new ConfigError(`invalid configuration: TEMPORAL_CONFIG_FILE ${vars.TEMPORAL_CONFIG_FILE} does not exist`);
  }
  let profile;
  try {
    profile = loadClientConfigProfile({ overrideEnvVars: vars });
  } catch (error) {
    throw new ConfigError(`invalid configuration: Temporal profile: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { connectionOptions, namespace } = toClientOptions(profile);
  const external = connectionOptions.address !== undefined;
  const address = connectionOptions.address ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const options: TemporalConnectionOptions = {
    address,
    ...(connectionOptions.tls !== undefined && connectionOptions.tls !== null ? { tls: connectionOptions.tls } : {}),
    ...(connectionOptions.apiKey !== undefined ? { apiKey: connectionOptions.apiKey as string } : {}),
    ...(profile.grpcMeta !== undefined ? { metadata: profile.grpcMeta } : {}),
  };
  return describe({ external, address, namespace: namespace ?? DEFAULT_NAMESPACE, connectionOptions: options }, vars.TEMPORAL_PROFILE);
};

/** The same target at another address: `npm start`'s dev server, once it runs (it may pick its own port). */
export const atAddress = (target: TemporalTarget, address: string): TemporalTarget =>
  describe({ ...target, address, connectionOptions: { ...target.connectionOptions, address } });

const describe = (target: Omit<TemporalTarget, 'description'>, profile?: string): TemporalTarget => {
  const { tls, apiKey } = target.connectionOptions;
  const notes = [profile ? `profile ${profile}` : null, tls !== undefined && tls !== false ? 'TLS' : null, apiKey !== undefined ? 'API key' : null].filter(
    (note) => note !== null,
  );
  return { ...target, description: `${target.address}, namespace ${target.namespace}${notes.length ? ` (${notes.join(', ')})` : ''}` };
};

/**
 * A Client on a connection to the target, its payloads sealed by the data converter
 * (sealedDataConverter): with tracing on, its workflow starts, updates, signals and
 * queries run in spans whose context travels to the workflow in Temporal's headers.
 * No `tracing` (the CLI's): none, and OpenTelemetry's SDK is not loaded.
 */
export const temporalClient = (connection: Connection, target: Pick<TemporalTarget, 'namespace'>, dataConverter: DataConverter, tracing?: Tracing): Client =>
  new Client({
    connection,
    namespace: target.namespace,
    dataConverter,
    ...(tracing?.enabled ? { interceptors: { workflow: [tracingInterceptor(tracing)] } } : {}),
  });

/**
 * Loaded only with tracing on: OpenTelemetry's modules otherwise add some 0.1 s to every `ses`
 * command's start-up. `require`, as in cli/main.ts.
 */
const tracingInterceptor = (tracing: Tracing) => {
  type Interceptors = typeof import('@temporalio/interceptors-opentelemetry');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry') as Interceptors;
  return new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer });
};

export interface TemporalClientOptions {
  /** sealedDataConverter(payloadKeyringFromConfig(config)): the worker's keys. */
  dataConverter: DataConverter;
  tracing?: Tracing;
  /** Connect on first use (the CLI: audit commands need no Temporal) instead of now. */
  lazy?: boolean;
}

/**
 * Connects a Client to the target, as the API and the CLI do; close `connection` when
 * done. The CLI: `connectTemporalClient(temporalTargetOf(config), { dataConverter, lazy: true })`.
 */
export const connectTemporalClient = async (
  target: TemporalTarget,
  { dataConverter, tracing, lazy = false }: TemporalClientOptions,
): Promise<{ connection: Connection; client: Client }> => {
  // People wait on these calls: a Temporal that is down answers 503 within seconds, not after the default ~20 s of retries.
  const options = { ...target.connectionOptions, connectTimeout: '5 seconds' as const, interceptors: briefGrpcRetries() };
  const connection = lazy ? Connection.lazy(options) : await Connection.connect(options);
  return { connection, client: temporalClient(connection, target, dataConverter, tracing) };
};
