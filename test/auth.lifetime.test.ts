import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Authenticator, LOCAL_ISSUER } from '../client/auth/authenticator';
import { LOCAL_TOKEN_ALGORITHM } from '../client/auth/localSigningKey';
import { WebSessions } from '../client/auth/webSessions';
import { loadConfig } from '../client/config';
import { ProblemError } from '../client/problem';

/** Token lifetime and clock skew: a token is good until exp plus AUTH_CLOCK_TOLERANCE_SECONDS, not a second longer; the key file is the owner's alone. */

const USERS = join(__dirname, '..', 'config', 'users.json');
const configFor = (env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'ses-lifetime-'))) =>
  loadConfig({ DATA_DIR: dataDir, AUTH_USERS_FILE: USERS, ...env });
const keyFileOf = (dataDir: string) => join(dataDir, 'auth', 'signing-key.json');

/** A dev token signed by the data folder's key, with exp and nbf where the test puts them (seconds from now). */
const tokenAt = async (dataDir: string, { expiresIn, notBeforeIn = -600 }: { expiresIn: number; notBeforeIn?: number }) => {
  const jwk = JSON.parse(readFileSync(keyFileOf(dataDir), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['hr-specialist'] })
    .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: jwk.kid })
    .setSubject('hr-ana')
    .setIssuer(LOCAL_ISSUER)
    .setAudience('ses-api')
    .setIssuedAt(now - 3600)
    .setNotBefore(now + notBeforeIn)
    .setExpirationTime(now + expiresIn)
    .sign(await importJWK(jwk, LOCAL_TOKEN_ALGORITHM));
};

const statusOf = async (work: Promise<unknown>): Promise<number | 'accepted'> => {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    assert.instance(error, ProblemError);
    return (error as ProblemError).problem.status;
  }
};

test('a token expired within the clock tolerance (60 s by default) is accepted; beyond it, 401 naming the tolerance', async () => {
  const config = configFor();
  assert.is(config.AUTH_CLOCK_TOLERANCE_SECONDS, 60);
  const auth = await Authenticator.fromConfig(config);
  assert.is(await statusOf(auth.authenticate(await tokenAt(config.DATA_DIR, { expiresIn: -30 }))), 'accepted');
  try {
    await auth.authenticate(await tokenAt(config.DATA_DIR, { expiresIn: -90 }));
    assert.unreachable('a token expired 90 s ago is refused');
  } catch (error) {
    assert.is((error as ProblemError).problem.status, 401);
    assert.match((error as ProblemError).message, /expired at .*\(beyond the 60 s allowed for clock skew\)/);
  }
  // Not yet valid: the issuer's clock ahead of ours by less than the tolerance is forgiven, by more is not.
  assert.is(await statusOf(auth.authenticate(await tokenAt(config.DATA_DIR, { expiresIn: 600, notBeforeIn: 30 }))), 'accepted');
  assert.is(await statusOf(auth.authenticate(await tokenAt(config.DATA_DIR, { expiresIn: 600, notBeforeIn: 120 }))), 401);
});

test('AUTH_CLOCK_TOLERANCE_SECONDS sets the tolerance: 0 refuses a token the moment it expires; more than 300 is refused as a setting', async () => {
  const strict = configFor({ AUTH_CLOCK_TOLERANCE_SECONDS: '0' });
  const auth = await Authenticator.fromConfig(strict);
  assert.is(await statusOf(auth.authenticate(await tokenAt(strict.DATA_DIR, { expiresIn: -5 }))), 401);
  assert.is(await statusOf(auth.authenticate(await tokenAt(strict.DATA_DIR, { expiresIn: 60 }))), 'accepted');
  assert.throws(() => configFor({ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' }), /AUTH_CLOCK_TOLERANCE_SECONDS/);
});

test('a browser session gets the same tolerance as a bearer token', async () => {
  const config = configFor();
  const sessions = await WebSessions.fromConfig(config);
  const jwk = JSON.parse(readFileSync(keyFileOf(config.DATA_DIR), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const sessionExpiring = (expiresIn: number) =>
    importJWK(jwk, LOCAL_TOKEN_ALGORITHM).then((key) =>
      new SignJWT({ roles: ['hr-specialist'], csrf: 'c'.repeat(32) })
        .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: jwk.kid })
        .setSubject('hr-ana')
        .setIssuer('ses-session')
        .setAudience('ses-web')
        .setExpirationTime(now + expiresIn)
        .sign(key),
    );
  assert.is(await statusOf(sessions.verify(await sessionExpiring(-30))), 'accepted');
  assert.is(await statusOf(sessions.verify(await sessionExpiring(-90))), 401);
});

test('the local signing key file is refused while group or other users can read it, naming the file and chmod 600', async () => {
  const config = configFor();
  await Authenticator.fromConfig(config);
  const keyFile = keyFileOf(config.DATA_DIR);
  for (const mode of [0o644, 0o640, 0o604]) {
    chmodSync(keyFile, mode);
    for (const load of [() => Authenticator.fromConfig(config), () => WebSessions.fromConfig(config)]) {
      try {
        await load();
        assert.unreachable(`mode ${mode.toString(8)} is refused`);
      } catch (error) {
        assert.not.instance(error, assert.Assertion);
        assert.ok((error as Error).message.includes(keyFile), (error as Error).message);
        assert.ok((error as Error).message.includes(`chmod 600 ${keyFile}`), (error as Error).message);
      }
    }
  }
  chmodSync(keyFile, 0o600);
  const auth = await Authenticator.fromConfig(config);
  assert.is(await statusOf(auth.authenticate((await auth.mint('hr-ana')).token)), 'accepted', 'after chmod 600 the same key is used again');
});

test.run();
