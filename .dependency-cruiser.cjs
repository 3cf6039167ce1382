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
      // A type import is a dependency too: a domain that names an HTTP or SQL type is not pure.
      to: { pathNot: ['^server/src/domain/'], dependencyTypesNot: ['core'] },
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
      name: 'edges-reach-db-through-ports',
      comment:
        'HTTP routes, jobs and live connections reach the database only through domain ports that main.ts wires (tests wire their own, as main.ts does).',
      severity: 'error',
      from: { path: '^server/src/(http|jobs|realtime)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/src/db/' },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'Folders depend on each other one way only (people and rooms, commands and jobs, …): a piece two of them share lives with its owner, in the domain or beside context.ts.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/src/' },
      to: { path: '^server/src/', circular: true },
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
      comment: 'Keycloak, Matrix, LiveKit, Redis, mail and zip libraries belong to their adapters.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/adapters/'] },
      to: {
        path: 'node_modules/(@keycloak/|matrix-js-sdk|openid-client|ioredis|@hocuspocus/extension-redis|livekit-server-sdk|nodemailer|yazl)',
      },
    },
    {
      name: 'observability-reads-ports',
      comment: 'Metrics read the workspace through domain ports; main.ts hands them the implementations.',
      severity: 'error',
      from: { path: '^server/src/observability/' },
      to: { path: '^server/src/(adapters|db|http|jobs|realtime|commands)/' },
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
      name: 'client-features-through-their-entry',
      comment:
        "A feature is reached from outside only through its public entry, features/<name>/index.ts: what it offers the app is one file's exports, and its inside can change freely.",
      severity: 'error',
      from: { path: '^client/src/', pathNot: '^client/src/features/' },
      to: { path: '^client/src/features/[^/]+/', pathNot: '^client/src/features/[^/]+/index\\.tsx?$' },
    },
    {
      name: 'matrix-sdk-only-in-chat',
      comment:
        "matrix-js-sdk belongs to the chat's matrix/ folder (its view-models and homeserver calls); the chat's views and the rest of the client see only view-models and their snapshots (ADR 0054).",
      severity: 'error',
      from: { path: '^client/src/', pathNot: '^client/src/features/chat/matrix/' },
      to: { path: 'node_modules/(matrix-js-sdk|@matrix-org/)' },
    },
    {
      name: 'livekit-client-only-in-meetings',
      comment:
        "livekit-client belongs to the meeting feature's LiveKit folder, loaded on demand: never on the signed-out page.",
      severity: 'error',
      from: { path: '^client/src/', pathNot: '^client/src/features/meetings/livekit/' },
      to: { path: 'node_modules/(livekit-client|@livekit/)' },
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
