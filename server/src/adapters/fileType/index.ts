export { fileTypeSniffer } from './fileTypeSniffer.js';
