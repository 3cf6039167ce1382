export { SofficeConverter, type SofficeConverterOptions } from './sofficeConverter.js';
