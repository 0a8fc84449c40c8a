/**
 * The dependency rules (checked in CI by `pnpm deps:check`):
 * - domain files import neither HTTP nor database code, nor any package's HTTP, MongoDB or lifecycle part, so
 *   the domain can be read, tested and reused without Koa or MongoDB. Domain files are the aggregate
 *   `<name>.ts`, `*.errors.ts`, `*.repository.ts` and `*.service.ts` of an aggregate folder, and the core of
 *   the operations package (the files at the top of its src/; its adapters live in mongo/ and http/);
 * - the service kit is one package in four layers, each folder of its src/ in one, importing only its own
 *   layer and those below (one package keeps one version and one install; these rules keep it layered as
 *   separate packages would be). Bottom to top: core (zod and Node built-ins only: what domain files and
 *   contracts may import), runtime (the process's infrastructure), http (the Koa app), service;
 * - packages never import services (services build on packages, not the other way round);
 * - a contracts package (the wire model of an API: `packages/contracts`, `packages/<service>-contracts`) imports
 *   only zod and the kit's core: a client or a test that loads a schema loads neither Koa nor the driver;
 * - no import cycles.
 * Test files are left out of the kit's layers (a test imports its helpers, vitest and the layers it drives).
 */
const DOMAIN_FILES = [
  "^services/[^/]+/src/[^/]+/[a-z-]+[.]ts$",
  "^(services|packages)/[^/]+/src/.*[.](errors|repository|service)[.]ts$",
  "^packages/operations/src/[^/]+[.]ts$",
];

/** The kit's layers, by folder of packages/service-kit/src/ (a new folder joins one, or no rule covers it). */
const KIT_CORE = "^packages/service-kit/src/(errors|access|deadlines|versioned-writes|versions|wire|idempotency)/";
const KIT_RUNTIME =
  "^packages/service-kit/src/(config|logging|metrics|tracing|flags|lifecycle|auth|mongo|rate-limits|api-usage|rollouts)/";
const KIT_HTTP = "^packages/service-kit/src/http/";
const KIT_SERVICE = "^packages/service-kit/src/service/";
const TESTS = "[.]test[.]ts$";

module.exports = {
  forbidden: [
    {
      name: "domain-imports-only-the-kits-core",
      severity: "error",
      comment:
        "a service's domain files (the aggregate, its errors, repository and use cases) import only the kit's core: no config, auth, logging or any other runtime",
      // The gateway holds no aggregate: its migration folder is the coordination's application layer.
      from: {
        path: DOMAIN_FILES.slice(0, 2),
        pathNot: ["[.]test[.]ts$", "^packages/", "^services/gateway/src/migration/"],
      },
      to: { path: "^packages/service-kit/src/", pathNot: KIT_CORE },
    },
    {
      name: "kit-folders-are-in-a-layer",
      severity: "error",
      comment:
        "every folder of the kit's src/ is in one of its layers (KIT_CORE, KIT_RUNTIME, KIT_HTTP, KIT_SERVICE): one in none would be checked by no layer rule",
      from: {
        path: "^packages/service-kit/src/[^/]+/",
        pathNot: [KIT_CORE, KIT_RUNTIME, KIT_HTTP, KIT_SERVICE, TESTS],
      },
      to: {},
    },
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
        "a contracts package imports only zod and the kit's core (errors, access, deadlines, versioned-writes, versions, wire, idempotency)",
      from: { path: "^packages/[a-z0-9-]*contracts/src/", pathNot: [TESTS, "arbitraries[.]ts$"] },
      to: {
        path: ["^packages/service-kit/src/", "node_modules/"],
        pathNot: [KIT_CORE, "node_modules/zod/"],
      },
    },
    {
      name: "kit-core-imports-only-the-core",
      severity: "error",
      comment:
        "the kit's core (what domain files and contracts import) imports only core folders, zod and Node built-ins",
      from: { path: KIT_CORE, pathNot: TESTS },
      // Anything else, an unresolved module too: a package the core does not declare is one it must not need.
      to: { pathNot: [KIT_CORE, "node_modules/zod/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "kit-runtime-imports-no-http",
      severity: "error",
      comment:
        "the kit's runtime (config, logging, mongo, ...) is below its http and service layers: it imports neither",
      from: { path: KIT_RUNTIME, pathNot: TESTS },
      to: { path: [KIT_HTTP, KIT_SERVICE] },
    },
    {
      name: "kit-http-imports-no-service",
      severity: "error",
      comment: "the kit's http layer is below its service layer (defineService, runService): it does not import it",
      from: { path: KIT_HTTP, pathNot: TESTS },
      to: { path: KIT_SERVICE },
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
    // Our own build output only: a package under node_modules whose entry is in its dist/ (koa's is) must
    // still be seen, or no rule could forbid it.
    exclude: { path: "^(packages|services)/[^/]+/dist/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["source", "import", "default"],
      extensions: [".ts", ".js"],
    },
  },
};
