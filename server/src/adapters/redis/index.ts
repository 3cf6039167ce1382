export { collabScaling } from './collabScaling.js';
export { RedisEventBus } from './redisEventBus.js';
export { commandConnection, queuingConnection, redisProbe } from './redisConnection.js';
export { redisRateLimiters } from './redisRateLimiters.js';
