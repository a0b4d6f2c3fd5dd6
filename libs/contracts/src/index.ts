export * from './errors.js';
export * from './auth.js';
export * from './companies.js';
export * from './api-keys.js';
export * from './catalog.js';
export * from './integrations.js';
export * from './connectors.js';
export * from './ingest.js';
