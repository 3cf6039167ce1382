export { SofficeConverter, type SofficeConverterOptions } from './sofficeConverter.js';
export { SandboxUnavailableError, type SandboxMode, type SandboxOptions } from './sandbox.js';
