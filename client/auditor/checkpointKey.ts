import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config';
import { refuseSharedSecretFile } from '../privateFile';
import { ProblemError } from '../problem';

/** The checkpoint key's public half as published: the base64url of the 32 raw Ed25519 bytes (one line, fits an env variable). */
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface CheckpointVerifier {
  keyId: string;
  publicKey: KeyObject;
  /** The published form (CHECKPOINT_PUBLIC_KEY). */
  published: string;
}
export interface CheckpointSigner extends CheckpointVerifier {
  privateKey: KeyObject;
}

const publishedOf = (publicKey: KeyObject): string => publicKey.export({ format: 'jwk' }).x!;
const keyIdOf = (published: string): string => `ed25519:${createHash('sha256').update(Buffer.from(published, 'base64url')).digest('hex').slice(0, 16)}`;

/** A verifier from the published public key alone: what an auditor off the machine holds. */
export const verifierFromPublished = (published: string): CheckpointVerifier => {
  if (!PUBLIC_KEY_PATTERN.test(published))
    throw new ProblemError({
      status: 400,
      error: 'validation',
      message: 'public key: must be the 43-character base64url Ed25519 key `ses audit checkpoint public-key` prints',
    });
  return { keyId: keyIdOf(published), publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: published }, format: 'jwk' }), published };
};

const keyUnavailable = (message: string) => new ProblemError({ status: 503, error: 'checkpoint-key-unavailable', message });

/**
 * The checkpoint signing key: a PKCS#8 PEM file only the API/CLI process reads (the event store
 * never holds it), made 0600 on first use and refused if group or others may read it. The public
 * key verifications use is CHECKPOINT_PUBLIC_KEY when set, else the signing key's own.
 */
export class CheckpointKey {
  private signer?: CheckpointSigner;

  constructor(
    readonly path: string,
    private readonly published?: string,
  ) {}

  static fromConfig(config: Config): CheckpointKey {
    return new CheckpointKey(config.CHECKPOINT_SIGNING_KEY_FILE ?? join(config.DATA_DIR, 'checkpoint-signing-key.pem'), config.CHECKPOINT_PUBLIC_KEY);
  }

  /**
   * The key that signs, read or made on first use. Never one CHECKPOINT_PUBLIC_KEY does not name:
   * a checkpoint signed by a stray key would break the chain for everyone sharing the store.
   */
  signing(): CheckpointSigner {
    this.signer ??= this.readOrCreate();
    if (this.published && this.signer.published !== this.published) {
      throw keyUnavailable(
        `the checkpoint signing key ${this.path} (${this.signer.keyId}) is not the key CHECKPOINT_PUBLIC_KEY names (${keyIdOf(this.published)})`,
      );
    }
    return this.signer;
  }

  /** The key checkpoints are verified with. */
  verifying(): CheckpointVerifier {
    if (this.published) return verifierFromPublished(this.published);
    try {
      statSync(this.path);
    } catch {
      throw keyUnavailable(
        `no public key to verify checkpoints with: set CHECKPOINT_PUBLIC_KEY (ses audit checkpoint public-key prints it) or CHECKPOINT_SIGNING_KEY_FILE (${this.path} does not exist)`,
      );
    }
    return this.signing();
  }

  private readOrCreate(): CheckpointSigner {
    let pem: string;
    try {
      pem = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw keyUnavailable(`cannot read the checkpoint signing key ${this.path}: ${(error as Error).message}`);
      // With only the public key configured, this process verifies and never signs.
      if (this.published)
        throw keyUnavailable(
          `no checkpoint signing key at ${this.path}: with CHECKPOINT_PUBLIC_KEY set and no key file, this process only verifies checkpoints`,
        );
      pem = this.create();
    }
    try {
      refuseSharedSecretFile(this.path, 'the checkpoint signing key');
    } catch (error) {
      throw keyUnavailable((error as Error).message);
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(pem);
    } catch (error) {
      throw keyUnavailable(`the checkpoint signing key ${this.path} is not a PEM private key: ${(error as Error).message}`);
    }
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw keyUnavailable(`the checkpoint signing key ${this.path} is ${privateKey.asymmetricKeyType}, not Ed25519`);
    const publicKey = createPublicKey(privateKey);
    const published = publishedOf(publicKey);
    return { keyId: keyIdOf(published), publicKey, published, privateKey };
  }

  /** O_EXCL: two processes starting together end up with the same key. */
  private create(): string {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(this.path), { recursive: true });
    try {
      writeFileSync(this.path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(this.path, 'utf8');
  }
}
