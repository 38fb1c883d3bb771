export * from './access.js';
export * from './decline-reasons.js';
export * from './stages.js';
export * from './offer-selection.js';
export * from './csv.js';
export * from './close-reasons.js';
export * from './work-log.js';
export * from './lead-status.js';
