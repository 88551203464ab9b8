import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from '../client/config';
import { atAddress, temporalTargetOf } from '../client/temporalConnection';

/** Temporal's environment configuration (TOML profiles, TEMPORAL_* variables) read into connection options. */
const target = suite<{ dir: string; file: string }>('Temporal connection from envconfig');

target.before((context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'ses-envconfig-'));
  context.file = join(context.dir, 'temporal.toml');
  writeFileSync(
    context.file,
    [
      '[profile.default]',
      'address = "ses-prod.a1b2c.tmprl.cloud:7233"',
      'namespace = "ses-prod.a1b2c"',
      'api_key = "key-from-the-file"',
      '',
      '[profile.staging]',
      'address = "temporal.staging.example.gov:7233"',
      'namespace = "ses-staging"',
      '[profile.staging.tls]',
      'server_name = "temporal.staging.example.gov"',
      '[profile.staging.grpc_meta]',
      'x-agency = "DOE"',
      '',
    ].join('\n'),
  );
});
target.after(({ dir }) => rmSync(dir, { recursive: true, force: true }));

/** An environment with nothing else in it: no HOME, so no ~/.config/temporalio/temporal.toml either. */
const targetFor = (env: NodeJS.ProcessEnv) => temporalTargetOf(loadConfig(env), env);

target('no configuration: the embedded dev server, namespace default, no TLS, no key (as before)', () => {
  const t = targetFor({});
  assert.is(t.external, false);
  assert.is(t.address, '127.0.0.1:7233');
  assert.is(t.namespace, 'default');
  assert.equal(t.connectionOptions, { address: '127.0.0.1:7233' });
  assert.is(targetFor({ TEMPORAL_DEV_PORT: '7999' }).address, '127.0.0.1:7999');
});

target('the default profile of TEMPORAL_CONFIG_FILE: address, namespace, API key and TLS (an API key implies it)', ({ file }) => {
  const t = targetFor({ TEMPORAL_CONFIG_FILE: file });
  assert.is(t.external, true);
  assert.is(t.address, 'ses-prod.a1b2c.tmprl.cloud:7233');
  assert.is(t.namespace, 'ses-prod.a1b2c');
  assert.equal(t.connectionOptions, { address: 'ses-prod.a1b2c.tmprl.cloud:7233', apiKey: 'key-from-the-file', tls: true });
  assert.is(t.description, 'ses-prod.a1b2c.tmprl.cloud:7233, namespace ses-prod.a1b2c (TLS, API key)');
  assert.not.match(t.description, /key-from-the-file/);
});

target('TEMPORAL_PROFILE picks another profile: its TLS server name and gRPC metadata', ({ file }) => {
  const t = targetFor({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'staging' });
  assert.is(t.address, 'temporal.staging.example.gov:7233');
  assert.is(t.namespace, 'ses-staging');
  assert.is((t.connectionOptions.tls as { serverNameOverride?: string }).serverNameOverride, 'temporal.staging.example.gov');
  assert.equal(t.connectionOptions.metadata, { 'x-agency': 'DOE' });
  assert.is(t.connectionOptions.apiKey, undefined);
  assert.match(t.description, /profile staging/);
});

target('TEMPORAL_* variables override the profile', ({ file }) => {
  const t = targetFor({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'ses-dev', TEMPORAL_API_KEY: 'key-from-env' });
  assert.equal(t.connectionOptions, { address: 'localhost:7233', apiKey: 'key-from-env', tls: true });
  assert.is(t.namespace, 'ses-dev');
  const plain = targetFor({ TEMPORAL_ADDRESS: 'temporal.internal:7233' });
  assert.equal(plain.connectionOptions, { address: 'temporal.internal:7233' });
  assert.is(plain.external, true);
});

target('a named profile that is missing, or a config file that does not exist, stops start-up with one line', ({ file, dir }) => {
  assert.throws(
    () => targetFor({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'nope' }),
    (e: Error) => e instanceof ConfigError && /Profile 'nope' not found/.test(e.message),
  );
  assert.throws(
    () => targetFor({ TEMPORAL_CONFIG_FILE: join(dir, 'missing.toml') }),
    (e: Error) => e instanceof ConfigError && /does not exist/.test(e.message),
  );
});

target('the embedded server at the port it got keeps the rest', () => {
  const moved = atAddress(targetFor({}), '127.0.0.1:40123');
  assert.equal(moved.connectionOptions, { address: '127.0.0.1:40123' });
  assert.is(moved.description, '127.0.0.1:40123, namespace default');
});

target.run();
