// Dependency rules (`npm run lint:deps`): pure domain code stays free of Nest, TypeORM, BullMQ
// and pg; libs never reach into apps; libs do not depend on each other in circles.

/** Infrastructure packages that pure domain code must not know about. */
const INFRASTRUCTURE = '(^|/)node_modules/(@nestjs/[^/]+|typeorm|bullmq|pg)/';

/** Pure domain files: the kernel, calculators, policy terms, anything in a domain/ folder. */
const PURE_DOMAIN = [
  '^libs/kernel/src/',
  '^libs/.*[^/][.]calculator[.]ts$',
  '^libs/.*/policy-terms[.]ts$',
  '^libs/.*/domain/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'Pure domain code (libs/kernel, *.calculator.ts, policy-terms.ts, domain/ folders) imports no Nest, TypeORM, BullMQ or pg: keep it testable with a fixed clock and no I/O.',
      severity: 'error',
      from: { path: PURE_DOMAIN },
      to: { path: INFRASTRUCTURE },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Libraries are used by the apps, never the other way round.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'testing-only-to-create-api-app',
      comment:
        'libs/testing boots the real API through apps/api/src/create-api-app and nothing else from apps.',
      severity: 'error',
      from: { path: '^libs/testing/' },
      to: { path: '^apps/', pathNot: '^apps/api/src/create-api-app[.]ts$' },
    },
    {
      name: 'worker-not-to-api',
      comment: 'The worker is deployed on its own: shared code belongs in libs, not in apps/api.',
      severity: 'error',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'no-circular-between-libs',
      comment: 'A dependency from one lib to another that closes a cycle back into the first lib.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      // The entity and migration lists live in libs/schema, above the domain libs, so that
      // libs/database (imported by every entity for its column helpers) depends on none of them.
      name: 'no-circular-lib-folders',
      comment:
        'Libs depend on each other in one direction, even when no single file closes the cycle.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^libs/([^/]+)/src$' },
      to: { circular: true, path: '^libs/[^/]+/src$', pathNot: '^libs/$1/src$' },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that resolves to nothing: a typo, a missing package or a broken @app/* alias.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|[.]data|coverage|bench)/' },
    // Type-only imports count: a domain file must not even know TypeORM's types.
    tsPreCompilationDeps: true,
    // Resolves the @app/<name> path aliases.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
