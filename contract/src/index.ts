// The API between server and client (ADR 0031): what each request and response looks like.
export * from './abilities.js';
export * from './audit.js';
export * from './chatDevices.js';
export * from './clientConfig.js';
export * from './collab.js';
export * from './common.js';
export * from './documents.js';
export * from './enums.js';
export * from './documentEntries.js';
export * from './meetings.js';
export * from './people.js';
export * from './policy.js';
export * from './readiness.js';
export * from './realtime.js';
export * from './rooms.js';
export * from './session.js';
export * from './tenants.js';
