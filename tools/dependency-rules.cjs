/**
 * The dependency rules (checked in CI by `pnpm deps:check`):
 * - domain files import neither HTTP nor database code, nor any package's HTTP, MongoDB or lifecycle part, so
 *   the domain can be read, tested and reused without Koa or MongoDB. Domain files are the aggregate
 *   `<name>.ts`, `*.errors.ts`, `*.repository.ts` and `*.service.ts` of an aggregate folder, and the core of
 *   the operations package (the files at the top of its src/; its adapters live in mongo/ and http/);
 * - packages never import services (services build on packages, not the other way round);
 * - a contracts package (the wire model of an API: `packages/contracts`, `packages/<service>-contracts`) imports
 *   only zod and the kit's core (`errors`, `versions`, `wire`): a client or a test that loads a schema loads
 *   neither Koa nor the driver;
 * - no import cycles.
 */
const DOMAIN_FILES = [
  "^services/[^/]+/src/[^/]+/[a-z-]+[.]ts$",
  "^(services|packages)/[^/]+/src/.*[.](errors|repository|service)[.]ts$",
  "^packages/operations/src/[^/]+[.]ts$",
];

module.exports = {
  forbidden: [
    {
      name: "domain-imports-no-framework",
      severity: "error",
      comment:
        "domain files must not import koa, @koa/router or mongodb, nor any package's http, mongo or lifecycle part",
      from: { path: DOMAIN_FILES, pathNot: ["[.]test[.]ts$", "^services/[^/]+/src/http/"] },
      to: {
        path: ["node_modules/(koa|@koa/router|mongodb)/", "^packages/service-kit/src/(http|mongo|lifecycle)/"],
      },
    },
    {
      name: "contracts-import-only-the-core",
      severity: "error",
      comment:
        "a contracts package imports only zod and the kit's core (@starter/service-kit/errors, /versions, /wire)",
      from: { path: "^packages/[a-z0-9-]*contracts/src/", pathNot: ["[.]test[.]ts$", "arbitraries[.]ts$"] },
      to: {
        path: ["^packages/service-kit/src/", "node_modules/"],
        pathNot: ["^packages/service-kit/src/(errors|versions|wire)/", "node_modules/zod/"],
      },
    },
    {
      name: "packages-import-no-services",
      severity: "error",
      comment: "a package is shared by every service: it cannot depend on one",
      from: { path: "^packages/" },
      to: { path: "^services/" },
    },
    {
      name: "no-cycles",
      severity: "error",
      comment: "an import cycle makes two modules one: change, test and load order become entangled",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)dist/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["source", "import", "default"],
      extensions: [".ts", ".js"],
    },
  },
};
