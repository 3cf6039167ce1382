export { JitsiTokens, type JitsiSigning, type JitsiTokensOptions } from './jitsiTokens.js';
