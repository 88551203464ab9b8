/** The clock clients pre-check refusals at, outside tests. */
export const wallClock = async (): Promise<string> => new Date().toISOString();
