import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './build/precompress';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://localhost:3000';

// The client is served by the backend in production; during development Vite forwards
// every server route to the backend so the browser only ever talks to one origin.
export default defineConfig({
  root,
  // Every compressible file of the build gets brotli and gzip siblings, served by the backend.
  plugins: [react(), precompress()],
  // The contract package is read from its TypeScript source, in development and in the build (ADR 0031).
  resolve: { conditions: ['@arbeitsbereich/source', ...defaultClientConditions] },
  // The chat's encryption is WebAssembly that the package loads by a URL relative to its own
  // module; pre-bundling would move the module away from that file.
  optimizeDeps: {
    exclude: ['@matrix-org/matrix-sdk-crypto-wasm'],
  },
  build: {
    // The chat (matrix-js-sdk and its crypto) is one chunk of ~0.9 MB, loaded after the shell.
    chunkSizeWarningLimit: 1000,
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
      '/auth': backend,
      '/socket.io': { target: backend, ws: true },
      '/collab': { target: backend, ws: true },
    },
  },
});
