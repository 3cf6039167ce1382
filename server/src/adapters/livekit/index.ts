export { LiveKitTokens, liveKitGrant, type LiveKitOptions } from './liveKitTokens.js';
export { LiveKitWebhooks } from './liveKitWebhooks.js';
export { LiveKitControl, type LiveKitControlOptions } from './liveKitControl.js';
