export * from './commands';
export * from './decide';
export * from './events';
export * from './evidence';
export * from './evolve';
export * from './state';
export * from './replay';
export * from './appointmentStarts';
