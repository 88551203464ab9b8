import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError, type Config } from './config';
import { refuseSharedSecretFile } from './privateFile';

/** AES-256: 32-byte keys. */
const KEY_BYTES = 32;

const KeyIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
const KeySchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .refine((text) => Buffer.from(text, 'base64').length === KEY_BYTES, `must be ${KEY_BYTES} bytes (AES-256), base64`);

/** The keyring file (PAYLOAD_KEYS_FILE, or the embedded default's DATA_DIR/payload-keys.json). */
export const KeyringFileSchema = z
  .strictObject({ active: KeyIdSchema, keys: z.record(KeyIdSchema, KeySchema) })
  .refine((file) => file.active in file.keys, { message: 'must name one of "keys"', path: ['active'] });

/**
 * The keys Temporal payloads are sealed with: new payloads with the active key,
 * older ones opened with whichever key their metadata names, so keys rotate
 * without re-encrypting history.
 */
export interface PayloadKeyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const keyringOf = (activeKeyId: string, keys: Record<string, string>): PayloadKeyring => ({
  activeKeyId,
  keys: new Map(Object.entries(keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])),
});

/** A fresh keyring of one random key: tests, and the first start of the embedded default. */
export const newKeyring = (keyId = `local-${Date.now().toString(36)}`): PayloadKeyring =>
  keyringOf(keyId, { [keyId]: randomBytes(KEY_BYTES).toString('base64') });

const invalid = (variable: string, message: string): ConfigError => new ConfigError(`invalid configuration: ${variable} ${message}`);

const parsedFile = (path: string, variable: string): PayloadKeyring => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid(variable, `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    refuseSharedSecretFile(path, 'the payload keyring');
  } catch (error) {
    throw invalid(variable, (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(variable, `${path} is not JSON; it holds {"active": "<key id>", "keys": {"<key id>": "<32 bytes, base64>"}}`);
  }
  const parsed = KeyringFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(variable, `${path}: ${issue.path.join('.')} ${issue.message}`);
  }
  return keyringOf(parsed.data.active, parsed.data.keys);
};

/** `id:base64,id:base64`; the active key is PAYLOAD_ACTIVE_KEY, or the only one. */
const parsedList = (list: string, active: string | undefined): PayloadKeyring => {
  const keys: Record<string, string> = {};
  for (const entry of list
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = KeyIdSchema.safeParse(entry.slice(0, colon));
    if (colon < 0 || !id.success) throw invalid('PAYLOAD_KEYS', 'must be "<key id>:<32 bytes, base64>" entries separated by commas');
    const key = KeySchema.safeParse(entry.slice(colon + 1));
    if (!key.success) throw invalid('PAYLOAD_KEYS', `key ${id.data} ${key.error.issues[0]!.message}`);
    if (id.data in keys) throw invalid('PAYLOAD_KEYS', `names key ${id.data} twice`);
    keys[id.data] = key.data;
  }
  const ids = Object.keys(keys);
  if (ids.length === 0) throw invalid('PAYLOAD_KEYS', 'holds no key');
  const activeKeyId = active ?? (ids.length === 1 ? ids[0]! : undefined);
  if (activeKeyId === undefined) throw invalid('PAYLOAD_ACTIVE_KEY', `must name the key new payloads are sealed with (one of ${ids.join(', ')})`);
  if (!(activeKeyId in keys)) throw invalid('PAYLOAD_ACTIVE_KEY', `${activeKeyId} is not one of PAYLOAD_KEYS (${ids.join(', ')})`);
  return keyringOf(activeKeyId, keys);
};

/** Where the embedded default keeps its keyring: beside the data, git-ignored. */
export const localKeyringPath = (config: Pick<Config, 'DATA_DIR'>): string => join(config.DATA_DIR, 'payload-keys.json');

/**
 * The embedded default's keyring, made on first use. Written whole to a private
 * temporary file (O_EXCL), then linked into place, which fails when the keyring
 * exists: two processes starting together (worker and API) end up with the same
 * key, and neither ever reads a half-written file.
 */
const loadOrCreateLocalKeyring = (path: string): PayloadKeyring => {
  if (!existsSync(path)) {
    const fresh = newKeyring();
    const keys = Object.fromEntries([...fresh.keys].map(([id, key]) => [id, key.toString('base64')]));
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(draft, `${JSON.stringify({ active: fresh.activeKeyId, keys }, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      linkSync(draft, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw invalid('DATA_DIR', `cannot create the payload keyring ${path}: ${(error as Error).message}`);
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return parsedFile(path, 'DATA_DIR');
};

/** The keyring of the configuration: PAYLOAD_KEYS (env), else PAYLOAD_KEYS_FILE, else the local one in DATA_DIR. */
export const payloadKeyringFromConfig = (config: Pick<Config, 'PAYLOAD_KEYS' | 'PAYLOAD_ACTIVE_KEY' | 'PAYLOAD_KEYS_FILE' | 'DATA_DIR'>): PayloadKeyring => {
  if (config.PAYLOAD_KEYS !== undefined) return parsedList(config.PAYLOAD_KEYS, config.PAYLOAD_ACTIVE_KEY);
  if (config.PAYLOAD_ACTIVE_KEY !== undefined) throw invalid('PAYLOAD_ACTIVE_KEY', 'is set without PAYLOAD_KEYS (a keyring file names its active key itself)');
  if (config.PAYLOAD_KEYS_FILE !== undefined) return parsedFile(config.PAYLOAD_KEYS_FILE, 'PAYLOAD_KEYS_FILE');
  return loadOrCreateLocalKeyring(localKeyringPath(config));
};
