export { LiveKitTokens, liveKitGrant, type LiveKitOptions } from './liveKitTokens.js';
export { LiveKitWebhooks } from './liveKitWebhooks.js';
