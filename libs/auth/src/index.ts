export * from './audit.service.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './demo-users.js';
export * from './rate-limiter.js';
export * from './secrets.js';
export * from './sign-in-limits.js';
export * from './admin-basic.js';
