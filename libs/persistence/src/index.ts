export * from './connect.js';
export * from './heartbeat.repository.js';
export * from './migrate.js';
export * from './park.repository.js';
export * from './schema.js';
