export { JitsiTokens, type JitsiSigning, type JitsiTokensOptions } from './jitsiTokens.js';
export { JitsiControl, JitsiCannot } from './jitsiControl.js';
