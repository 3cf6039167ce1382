export { JwtWopiTokens } from './wopiTokens.js';
