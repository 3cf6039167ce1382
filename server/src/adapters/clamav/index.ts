export { ClamdScanner, ClamdRefused, parseClamdUrl, verdictOf, type ClamdAddress } from './clamdScanner.js';
