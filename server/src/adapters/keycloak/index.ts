export { KeycloakDirectory, type KeycloakDirectoryOptions, type RealmMailServer } from './keycloakDirectory.js';
export { KeycloakError, isKeycloakError } from './keycloakErrors.js';
export { KeycloakChangeFeed, type KeycloakChangeFeedOptions } from './keycloakChangeFeed.js';
