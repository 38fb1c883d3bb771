export * from './decline-reasons.js';
export * from './stages.js';
export * from './offer-selection.js';
