export { OidcSignIn, type OidcSignInOptions } from './oidcSignIn.js';
