/** A proposed event the store refuses before writing anything; retrying the same input cannot help. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';

  constructor(
    readonly stream: string,
    detail: string,
  ) {
    super(`refused to append to stream "${stream}": ${detail}`);
  }
}
