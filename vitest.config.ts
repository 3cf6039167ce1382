import { defaultClientConditions, defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

// The contract package is read from its TypeScript source here, never from its build (ADR 0031).
const contractSource = '@arbeitsbereich/source';

// One runner for the whole repository (ADR 0003). Projects split tests by what they need:
// unit tests need nothing; integration and browser tests need the real stack that
// `npm test` starts (deploy/local/cli.mjs) and describes through environment variables.
export default defineConfig({
  resolve: { conditions: [contractSource, ...defaultClientConditions] },
  // Tests run in Node: a package's `module` build is for bundlers (the AWS SDK's dist-es imports
  // files without their extension), so Node gets the builds its own conditions choose.
  ssr: { resolve: { conditions: [contractSource, ...defaultServerConditions.filter((c) => c !== 'module')] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts', 'client/src/**/*.test.{ts,tsx}', 'deploy/**/*.test.mjs'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['server/test/**/*.test.ts', 'client/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'server/test/drill/**', 'server/test/replicas/**'],
          environment: 'node',
          setupFiles: ['client/test/support/promiseWithResolvers.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The restore drill (ADR 0035): its halves run before the backup and after the restore,
        // each on its own, when `npm test` has finished the other projects.
        extends: true,
        test: {
          name: 'drill',
          include: ['server/test/drill/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The production topology (ADR 0038): two replicas behind the TLS proxy, a stack of its own.
        extends: true,
        test: {
          name: 'replicas',
          include: ['server/test/replicas/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['client/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
