import { keyringOf } from '../../client/payloadKeyring';
import { sealedDataConverter } from '../../client/temporalDataConverter';

/**
 * The keyring of every test stack: fixed, and no secret, so a history recorded by a
 * test (RECORD_HISTORIES=1) replays in histories.replay.test.ts like the plain ones.
 */
export const TEST_KEYRING = keyringOf('test-1', { 'test-1': Buffer.alloc(32, 7).toString('base64') });

/** Payloads and failures sealed as production seals them: the worker's, every client's and the replay's. */
export const testDataConverter = () => sealedDataConverter(TEST_KEYRING);
