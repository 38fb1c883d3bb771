export * from './core.module.js';
export * from './database.provider.js';
export * from './tokens.js';
export * from './logger.js';
export * from './lifecycle.js';
