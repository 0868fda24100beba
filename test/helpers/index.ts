// Shared by every browser test, imported as `@goldboard/test-helpers` (a private workspace package).
export * from './errors.js';
export * from './parts.js';
export * from './wait.js';
export * from './conformance.js';
