export { createAuth, requireActor, sessionOf, type Auth, type AuthDeps } from './authRoutes.js';
export { buildSignIn, type SignIn, type SignInSetup } from './signIn.js';
export { SignInRateLimiter } from './signInRateLimiter.js';
