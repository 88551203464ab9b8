/** An error and its causes, outermost first (at most ten: a cause chain can loop). */
export const causeChain = (error: unknown): Error[] => {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 10; current = current.cause) chain.push(current);
  return chain;
};
