export { createAuth, requireActor, sessionOf, type Auth, type AuthDeps } from './authRoutes.js';
export { buildSignIn, type SignIn, type SignInSetup } from './signIn.js';
export { SignInRateLimiter } from './rateLimit.js';
export {
  SessionManager,
  defaultSessionSettings,
  type ResolvedSession,
  type SessionSettings,
} from './sessionManager.js';
export { TokenCipher } from './tokenCipher.js';
