export * from './validation';
export * from './time';
export * from './retry';
export * from './batching';
export * from './pagination';
export * from './location';
export * from './errors';
