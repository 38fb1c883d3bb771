export * from './config-dir.js';
export * from './park-catalog.js';
export * from './policy-files.js';
export * from './taxonomy-file.js';
