export * from './commands';
export * from './decide';
export * from './definition';
export * from './events';
export * from './evolve';
export * from './rules';
export * from './state';
export * from './timers';
