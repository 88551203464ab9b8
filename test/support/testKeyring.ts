import { keyringOf } from '../../client/payloadKeyring';
import { sealedDataConverter } from '../../client/temporalDataConverter';

/**
 * The keyring of every test stack: fixed, and no secret, so a history recorded by a
 * test (RECORD_HISTORIES=<label>) replays in histories.replay.test.ts like the plain ones.
 */
const TEST_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_KEYRING = keyringOf('test-1', { 'test-1': TEST_KEY });

/** The same keyring as PAYLOAD_KEYS, for a process a test starts (the CLI). */
export const TEST_PAYLOAD_KEYS = `test-1:${TEST_KEY}`;

/** Payloads and failures sealed as production seals them: the worker's, every client's and the replay's. */
export const testDataConverter = () => sealedDataConverter(TEST_KEYRING);
