export { LiveKitTokens, liveKitGrant, type LiveKitOptions } from './liveKitTokens.js';
