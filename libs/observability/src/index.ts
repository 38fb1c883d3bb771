export * from './metrics.js';
export * from './request-context.js';
