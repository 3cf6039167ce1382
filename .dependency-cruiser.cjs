/**
 * The dependency rule of docs/architecture.md, checked by `npm run lint`.
 * Arrows point inward: domain imports nothing of ours; adapters and db
 * implement domain ports; only main.ts wires concrete adapters.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain code knows no HTTP, no vendor API, no SQL: it imports only other domain code.',
      severity: 'error',
      from: { path: '^server/src/domain/' },
      to: { pathNot: ['^server/src/domain/'], dependencyTypesNot: ['core', 'type-only'] },
    },
    {
      name: 'domain-no-packages',
      severity: 'error',
      from: { path: '^server/src/domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'commands-use-domain-only',
      comment: 'Use cases depend on domain rules and ports, never on a concrete adapter, the database or HTTP.',
      severity: 'error',
      from: { path: '^server/src/commands/' },
      to: { path: '^server/src/(adapters|db|http|jobs|realtime)/' },
    },
    {
      name: 'no-folder-cycles-in-commands',
      comment:
        'The use-case folders depend on each other one way only: a piece two of them share lives with its owner, in the domain or beside context.ts.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/src/commands/[^/]+' },
      to: { path: '^server/src/commands/[^/]+', circular: true },
    },
    {
      name: 'adapter-speaks-to-one-system',
      comment: 'An adapter is the only code that speaks to its system, and knows nothing but the domain.',
      severity: 'error',
      from: { path: '^server/src/adapters/([^/]+)/' },
      to: {
        path: '^server/src/',
        pathNot: ['^server/src/adapters/$1/', '^server/src/adapters/shared/', '^server/src/domain/'],
      },
    },
    {
      name: 'only-main-wires-adapters',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/main\\.ts$', '^server/src/adapters/'] },
      to: { path: '^server/src/adapters/' },
    },
    {
      name: 'vendor-sdks-only-in-adapters',
      comment: 'Keycloak and Matrix client libraries belong to their adapters.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/adapters/'] },
      to: { path: 'node_modules/(@keycloak/|matrix-js-sdk|openid-client)' },
    },
    {
      name: 'db-implements-domain',
      severity: 'error',
      from: { path: '^server/src/db/' },
      to: { path: '^server/src/(adapters|http|jobs|commands|realtime)/' },
    },
    {
      name: 'client-features-independent',
      comment: 'Features never import each other; shared code lives in client/src/lib.',
      severity: 'error',
      from: { path: '^client/src/features/([^/]+)/' },
      to: { path: '^client/src/features/', pathNot: '^client/src/features/$1/' },
    },
    {
      name: 'matrix-sdk-only-in-chat',
      comment: 'matrix-js-sdk belongs to the chat feature; the rest of the client sees only its view-models.',
      severity: 'error',
      from: { path: '^client/src/', pathNot: '^client/src/features/chat/' },
      to: { path: 'node_modules/(matrix-js-sdk|@matrix-org/)' },
    },
    {
      name: 'client-lib-knows-no-feature',
      severity: 'error',
      from: { path: '^client/src/lib/' },
      to: { path: '^client/src/(features|app)/' },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The contract between server and client knows neither of them; both import it (ADR 0031).',
      severity: 'error',
      from: { path: '^contract/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'contract-needs-only-zod',
      severity: 'error',
      from: { path: '^contract/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: 'node_modules/zod/',
      },
    },
    {
      name: 'server-and-client-apart',
      severity: 'error',
      from: { path: '^(server|client)/' },
      to: { path: '^(server|client)/', pathNot: '^$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      // The contract is cruised as its TypeScript source, as tsc and Vite read it (ADR 0031).
      conditionNames: ['@arbeitsbereich/source', 'import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
