import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { decodeFailure, encodeFailure } from '@temporalio/common/lib/internal-non-workflow';
import { loadConfig } from '../client/config';
import { KEY_ID_METADATA, PayloadEncryptionCodec, PayloadSealError } from '../client/payloadEncryption';
import { keyringOf, localKeyringPath, newKeyring, payloadKeyringFromConfig } from '../client/payloadKeyring';
import { failureConverter } from '../workflows/failureConverter';

const PERSONAL = { candidateName: 'Marguerite Quillfeather', email: 'm.quillfeather@agency.example' };
const plain = (): Payload => defaultPayloadConverter.toPayload(PERSONAL)!;
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const KEY_1 = Buffer.alloc(32, 1).toString('base64');
const KEY_2 = Buffer.alloc(32, 2).toString('base64');

const refusal = async (work: Promise<unknown>): Promise<PayloadSealError> => {
  try {
    await work;
  } catch (error) {
    assert.instance(error, PayloadSealError);
    return error as PayloadSealError;
  }
  throw new Error('expected a refusal');
};

test('a payload seals (no clear text, its key id beside it) and opens to the very same payload', async () => {
  const codec = new PayloadEncryptionCodec(keyringOf('k1', { k1: KEY_1 }));
  const [sealed] = await codec.encode([plain()]);
  assert.is(text(sealed!.metadata!.encoding), 'binary/encrypted');
  assert.is(text(sealed!.metadata![KEY_ID_METADATA]), 'k1');
  assert.not.ok(Buffer.from(sealed!.data!).includes('Quillfeather'));
  assert.not.ok(Buffer.from(sealed!.data!).includes('json/plain'), 'the inner encoding is sealed too');
  const [opened] = await codec.decode([sealed!]);
  assert.equal(defaultPayloadConverter.fromPayload(opened!), PERSONAL);
  assert.is(text(opened!.metadata!.encoding), 'json/plain');
  // A random IV per payload: the same value never seals to the same bytes.
  const [again] = await codec.encode([plain()]);
  assert.not.equal(Buffer.from(again!.data!), Buffer.from(sealed!.data!));
});

test('rotation: a payload sealed with the old key still opens; new ones carry the new key id', async () => {
  const [old] = await new PayloadEncryptionCodec(keyringOf('k1', { k1: KEY_1 })).encode([plain()]);
  const rotated = new PayloadEncryptionCodec(keyringOf('k2', { k1: KEY_1, k2: KEY_2 }));
  assert.equal(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!), PERSONAL);
  const [fresh] = await rotated.encode([plain()]);
  assert.is(text(fresh!.metadata![KEY_ID_METADATA]), 'k2');
  // Once k1 is retired, what it sealed no longer opens, and the refusal names it.
  const retired = await refusal(new PayloadEncryptionCodec(keyringOf('k2', { k2: KEY_2 })).decode([old!]));
  assert.is(retired.rule, 'unknown-key');
  assert.match(retired.message, /"k1"/);
});

test('a tampered payload is refused, not opened: a flipped byte, a cut tag, another key id', async () => {
  const codec = new PayloadEncryptionCodec(keyringOf('k1', { k1: KEY_1, k2: KEY_2 }));
  const [sealed] = await codec.encode([plain()]);
  const flipped = Buffer.from(sealed!.data!);
  flipped[20]! ^= 0x01;
  for (const tampered of [
    { ...sealed!, data: flipped },
    { ...sealed!, data: Buffer.from(sealed!.data!).subarray(0, sealed!.data!.length - 1) },
    { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } },
  ]) {
    const error = await refusal(codec.decode([tampered]));
    assert.is(error.rule, 'tampered');
    assert.match(error.message, /failed authentication/);
  }
});

test('plain (legacy) payloads pass decode as they are', async () => {
  const codec = new PayloadEncryptionCodec(keyringOf('k1', { k1: KEY_1 }));
  const legacy = plain();
  const [passed] = await codec.decode([legacy]);
  assert.is(passed, legacy);
});

test('error messages travel sealed: the failure converter moves them into a payload the codec encrypts', async () => {
  const codec = new PayloadEncryptionCodec(keyringOf('k1', { k1: KEY_1 }));
  const failure = failureConverter.errorToFailure(ApplicationFailure.create({ message: `refused: ${PERSONAL.candidateName}` }), defaultPayloadConverter);
  assert.is(failure.message, 'Encoded failure');
  const encoded = await encodeFailure([codec], failure);
  assert.not.ok(JSON.stringify(encoded, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)).includes('Quillfeather'));
  const error = failureConverter.failureToError(await decodeFailure([codec], encoded), defaultPayloadConverter);
  assert.is(error.message, `refused: ${PERSONAL.candidateName}`);
});

test('keys from PAYLOAD_KEYS: id:base64 entries, the active one named when there are several', () => {
  const keyring = payloadKeyringFromConfig(loadConfig({ PAYLOAD_KEYS: `k1:${KEY_1}, k2:${KEY_2}`, PAYLOAD_ACTIVE_KEY: 'k2' }));
  assert.is(keyring.activeKeyId, 'k2');
  assert.equal([...keyring.keys.keys()], ['k1', 'k2']);
  assert.is(payloadKeyringFromConfig(loadConfig({ PAYLOAD_KEYS: `only:${KEY_1}` })).activeKeyId, 'only');
  for (const [env, named] of [
    [{ PAYLOAD_KEYS: `k1:${KEY_1},k2:${KEY_2}` }, /PAYLOAD_ACTIVE_KEY must name/],
    [{ PAYLOAD_KEYS: `k1:${KEY_1}`, PAYLOAD_ACTIVE_KEY: 'k9' }, /PAYLOAD_ACTIVE_KEY k9 is not one of/],
    [{ PAYLOAD_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }, /PAYLOAD_KEYS key k1 must be 32 bytes/],
    [{ PAYLOAD_KEYS: 'no-colon' }, /PAYLOAD_KEYS must be "<key id>:/],
    [{ PAYLOAD_KEYS: `k1:${KEY_1},k1:${KEY_2}` }, /names key k1 twice/],
  ] as const) {
    assert.throws(() => payloadKeyringFromConfig(loadConfig(env)), named);
  }
});

test('a keyring file: read when private, refused when others can read it or when it is malformed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-keys-'));
  try {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ active: 'k2', keys: { k1: KEY_1, k2: KEY_2 } }), { mode: 0o600 });
    assert.is(payloadKeyringFromConfig(loadConfig({ PAYLOAD_KEYS_FILE: file })).activeKeyId, 'k2');
    chmodSync(file, 0o644);
    assert.throws(() => payloadKeyringFromConfig(loadConfig({ PAYLOAD_KEYS_FILE: file })), /may be read by group or other users \(mode 0644\): run chmod 600/);
    writeFileSync(file, JSON.stringify({ active: 'k3', keys: { k1: KEY_1 } }), { mode: 0o600 });
    chmodSync(file, 0o600);
    assert.throws(() => payloadKeyringFromConfig(loadConfig({ PAYLOAD_KEYS_FILE: file })), /active must name one of "keys"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the embedded default makes a private keyring in DATA_DIR once; a second process reads the same one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-keys-'));
  try {
    const config = loadConfig({ DATA_DIR: dir });
    const first = payloadKeyringFromConfig(config);
    assert.is(statSync(localKeyringPath(config)).mode & 0o777, 0o600);
    const second = payloadKeyringFromConfig(config);
    assert.is(second.activeKeyId, first.activeKeyId);
    assert.equal(second.keys.get(second.activeKeyId), first.keys.get(first.activeKeyId));
    // Another process that won the race (O_EXCL) wrote its key first: this one takes that key, not its own.
    const other = mkdtempSync(join(tmpdir(), 'ses-keys-'));
    const theirs = newKeyring('theirs');
    writeFileSync(join(other, 'payload-keys.json'), JSON.stringify({ active: 'theirs', keys: { theirs: theirs.keys.get('theirs')!.toString('base64') } }), {
      mode: 0o600,
    });
    assert.equal(payloadKeyringFromConfig(loadConfig({ DATA_DIR: other })).keys.get('theirs'), theirs.keys.get('theirs'));
    rmSync(other, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('processes starting together on one DATA_DIR (worker, API, CLI) end up with one and the same key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-keys-'));
  try {
    const script = `const { payloadKeyringFromConfig } = require('./client/payloadKeyring');
      const keyring = payloadKeyringFromConfig({ DATA_DIR: ${JSON.stringify(dir)} });
      process.stdout.write(keyring.keys.get(keyring.activeKeyId).toString('base64'));`;
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' }, (error, out) =>
          error ? reject(error) : resolve(out),
        ),
      );
    const keys = await Promise.all([run(), run(), run()]);
    assert.is(new Set(keys).size, 1, keys.join(' '));
    assert.is(Buffer.from(keys[0]!, 'base64').length, 32);
    assert.equal(readdirSync(dir), ['payload-keys.json'], 'no draft left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
