// The API between server and client (ADR 0031): what each request and response looks like.
export * from './abilities.js';
export * from './audit.js';
export * from './common.js';
export * from './enums.js';
export * from './people.js';
export * from './rooms.js';
export * from './session.js';
export * from './tenants.js';
