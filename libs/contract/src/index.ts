export * from './refusal.js';
export * from './query.js';
export * from './sharing.js';
export * from './leads.js';
export * from './offers.js';
export * from './admin.js';
export * from './webhooks.js';
export * from './imports.js';
