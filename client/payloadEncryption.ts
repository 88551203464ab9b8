import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './payloadKeyring';

/** The encoding of a sealed payload; any other encoding is a plain (legacy) payload and passes as it is. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const textOf = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? new TextDecoder().decode(bytes) : undefined);

/** Why a sealed payload did not open; `rule` names it for a problem answer. */
export class PayloadSealError extends Error {
  override name = 'PayloadSealError';
  constructor(
    readonly rule: 'unknown-key' | 'tampered' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * AES-256-GCM over the whole payload (its metadata too, so the data's type is
 * hidden): a random 96-bit IV per payload, the key id in the clear beside it and
 * bound to the ciphertext as associated data, so a payload whose bytes or key id
 * were changed is refused rather than opened.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload));
  }

  /** Whether a payload is sealed (any other passes decode unchanged). */
  static isSealed(payload: Payload): boolean {
    return textOf(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
  }

  private seal(payload: Payload): Payload {
    const keyId = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys.get(keyId)!, iv);
    cipher.setAAD(Buffer.from(keyId));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId), [CIPHER_METADATA]: text(CIPHER) },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    if (!PayloadEncryptionCodec.isSealed(payload)) return payload;
    const keyId = textOf(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined) throw new PayloadSealError('malformed', `a sealed payload (${ENCRYPTED_ENCODING}) without its ${KEY_ID_METADATA}`);
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) {
      throw new PayloadSealError(
        'unknown-key',
        `a payload sealed with key "${keyId}", which this keyring does not hold (it holds ${[...this.keyring.keys.keys()].join(', ')}); add that key to PAYLOAD_KEYS or the keyring file`,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadSealError('malformed', `a payload sealed with key "${keyId}" is too short to hold its IV and tag`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadSealError('tampered', `a payload sealed with key "${keyId}" failed authentication: its bytes or its key id were altered`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
