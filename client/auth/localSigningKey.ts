import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { refuseSharedSecretFile } from '../privateFile';

export const LOCAL_TOKEN_ALGORITHM = 'ES256';

export interface LocalSigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicKey: KeyLike | Uint8Array;
}

const readKey = async (path: string): Promise<LocalSigningKey> => {
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK & { kid: string };
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    privateKey: await importJWK(jwk, LOCAL_TOKEN_ALGORITHM),
    publicKey: await importJWK(publicJwk, LOCAL_TOKEN_ALGORITHM),
  };
};

/**
 * The embedded default's token key, kept beside the data (git-ignored) and made on first use.
 * Created with O_EXCL so two processes starting together end up with the same key.
 */
export const loadOrCreateLocalSigningKey = async (path: string): Promise<LocalSigningKey> => {
  if (existsSync(path)) refuseSharedSecretFile(path, 'the token signing key');
  try {
    return await readKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the token signing key ${path}: ${(error as Error).message}`);
  }
  const { privateKey } = await generateKeyPair(LOCAL_TOKEN_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: LOCAL_TOKEN_ALGORITHM };
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKey(path);
};
