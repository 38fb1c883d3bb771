export * from './job-batcher.js';
export * from './job-handler.js';
export * from './job-errors.js';
export * from './queue-catalog.js';
export * from './queue-producer.js';
export * from './redis-connection.js';
export * from './round-trip.js';
export * from './worker-host.js';
