import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Authenticator } from '../client/auth/authenticator';
import { authorize, requireSelf } from '../client/auth/permissions';
import { ConfigError, loadConfig } from '../client/config';
import { ProblemError, toProblem } from '../client/problem';

const USERS = join(__dirname, '..', 'config', 'users.json');
const localConfig = (dataDir = mkdtempSync(join(tmpdir(), 'ses-auth-'))) => loadConfig({ DATA_DIR: dataDir, AUTH_USERS_FILE: USERS });

const refusal = async (work: Promise<unknown> | (() => void)) => {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    assert.instance(error, ProblemError);
    return toProblem(error);
  }
  throw new Error('expected a refusal');
};

test('a minted dev token names the user and the roles of config/users.json', async () => {
  const auth = await Authenticator.fromConfig(localConfig());
  const { token, principal, expiresAt } = await auth.mint('aa-wong', 600);
  assert.equal(principal, { id: 'aa-wong', roles: ['appointing-authority'] });
  assert.ok(Date.parse(expiresAt) - Date.now() <= 600_000 && Date.parse(expiresAt) - Date.now() > 590_000, expiresAt);
  assert.equal(await auth.authenticate(`Bearer ${token}`), principal);
  assert.equal(await auth.authenticate(token), principal, 'a bare token (SES_TOKEN) is accepted too');
});

test('the signing key is made once per data folder and reused; another folder cannot verify its tokens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-auth-'));
  const first = await Authenticator.fromConfig(localConfig(dataDir));
  const keyFile = readFileSync(join(dataDir, 'auth', 'signing-key.json'), 'utf8');
  const second = await Authenticator.fromConfig(localConfig(dataDir));
  assert.is(readFileSync(join(dataDir, 'auth', 'signing-key.json'), 'utf8'), keyFile);
  const { token } = await first.mint('hr-ana');
  assert.is((await second.authenticate(token)).id, 'hr-ana');
  const elsewhere = await Authenticator.fromConfig(localConfig());
  const problem = await refusal(elsewhere.authenticate(token));
  assert.is(problem.status, 401);
  assert.match(problem.message, /not valid/);
});

test('no token, a forged one, an expired one: 401 saying how to get a token', async () => {
  // No clock tolerance, so a token a second old is expired two seconds on (auth.lifetime.test.ts tests the tolerance).
  const auth = await Authenticator.fromConfig({ ...localConfig(), AUTH_CLOCK_TOLERANCE_SECONDS: 0 });
  const missing = await refusal(auth.authenticate(undefined));
  assert.is(missing.status, 401);
  assert.match(missing.message, /no bearer token.*ses token mint/);
  const { token } = await auth.mint('hr-ana');
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
  assert.is((await refusal(auth.authenticate(forged))).status, 401, 'raising your own roles breaks the signature');
  const shortLived = await auth.mint('hr-ana', 1);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const expired = await refusal(auth.authenticate(shortLived.token));
  assert.is(expired.status, 401);
  assert.match(expired.message, /expired at/);
});

test('minting refuses an unknown user and a lifetime beyond a working day', async () => {
  const auth = await Authenticator.fromConfig(localConfig());
  const unknown = await refusal(auth.mint('mallory'));
  assert.is(unknown.error, 'auth.mint.unknown-user');
  assert.match(unknown.message, /known: hr-ana, opm-kim/);
  assert.is((await refusal(auth.mint('hr-ana', 13 * 3600))).error, 'auth.mint.ttl');
});

test('with an OIDC issuer configured, its JWKS verifies tokens, its roles claim is read, and no dev token is minted', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
  const idp: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  try {
    const issuer = 'https://login.agency.example/';
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ses-auth-')),
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks.json`,
      AUTH_AUDIENCE: 'ses-prod',
      AUTH_ROLES_CLAIM: 'ses_roles',
    });
    const auth = await Authenticator.fromConfig(config);
    const sign = (claims: Record<string, unknown>, audience = 'ses-prod') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setSubject('aud-frank')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .sign(privateKey);
    assert.equal(await auth.authenticate(await sign({ ses_roles: ['auditor'] })), { id: 'aud-frank', roles: ['auditor'] });
    const wrongAudience = await refusal(auth.authenticate(await sign({ ses_roles: ['auditor'] }, 'payroll')));
    assert.match(wrongAudience.message, /"aud" claim/);
    const noRoles = await refusal(auth.authenticate(await sign({ roles: ['auditor'] })));
    assert.match(noRoles.message, /"ses_roles" claim is not usable/);
    const local = await (await Authenticator.fromConfig(localConfig())).mint('aud-frank');
    assert.is((await refusal(auth.authenticate(local.token))).status, 401, 'a local dev token is not accepted where an issuer is configured');
    assert.is((await refusal(auth.mint('aud-frank'))).error, 'auth.mint.oidc-configured');
  } finally {
    await new Promise((resolve) => idp.close(resolve));
  }
});

test('an issuer without its JWKS (or the reverse) stops start-up with one line', () => {
  try {
    loadConfig({ AUTH_ISSUER: 'https://login.agency.example/' });
    assert.unreachable('accepted half an OIDC configuration');
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, /AUTH_JWKS_URL set AUTH_ISSUER and AUTH_JWKS_URL together/);
  }
});

test('roles decide the operations; a body naming someone else is refused', async () => {
  const auditor = { id: 'aud-frank', roles: ['auditor' as const] };
  authorize(auditor, 'audit.read');
  authorize(auditor, 'case.status');
  const write = await refusal(() => authorize(auditor, 'case.act'));
  assert.is(write.status, 403);
  assert.match(write.message, /aud-frank \(auditor\) may not case\.act/);
  const hr = { id: 'hr-ana', roles: ['hr-specialist' as const] };
  assert.is((await refusal(() => authorize(hr, 'audit.read'))).status, 403);
  const other = await refusal(() => requireSelf(hr, 'hr-bob', 'submittedBy'));
  assert.match(other.message, /submittedBy names hr-bob, but the token is hr-ana's/);
});

test.run();
