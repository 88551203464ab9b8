import type { DataConverter } from '@temporalio/common';
import { PayloadEncryptionCodec } from './payloadEncryption';
import type { PayloadKeyring } from './payloadKeyring';

/** The module with the failure converter (workflows/failureConverter.ts): a path, because the workflow bundle holds it too. */
export const failureConverterPath = (): string => require.resolve('../workflows/failureConverter');

/**
 * What Temporal sees of every payload: workflow inputs, update and signal arguments,
 * results, query answers, and error messages, sealed with the keyring. The worker,
 * every client and the workflow bundle use the same one.
 */
export const sealedDataConverter = (keyring: PayloadKeyring): DataConverter => ({
  payloadCodecs: [new PayloadEncryptionCodec(keyring)],
  failureConverterPath: failureConverterPath(),
});
