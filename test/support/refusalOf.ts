import { toProblem } from '../../client/problem';

/** The problem document a refused call answers with; a call that succeeds fails the test. */
export const refusalOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return toProblem(error);
  }
  throw new Error('expected a refusal');
};
