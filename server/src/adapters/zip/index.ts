export { ZipArchiveWriter } from './zipArchive.js';
