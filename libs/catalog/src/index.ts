export * from './config-dir.js';
export * from './park-catalog.js';
