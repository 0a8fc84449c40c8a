/**
 * The dependency rule of the design (checked in CI by `pnpm deps:check`): domain files - the aggregate
 * `<name>.ts`, `*.errors.ts`, `*.repository.ts`, `*.service.ts` in an aggregate folder - import neither
 * HTTP nor database code, so the domain can be read, tested and reused without Koa or MongoDB.
 */
module.exports = {
  forbidden: [
    {
      name: "domain-imports-no-framework",
      severity: "error",
      comment: "domain files must not import koa, @koa/router or mongodb (see ../shared/design/README.md)",
      from: {
        path: ["^services/[^/]+/src/[^/]+/[a-z-]+[.]ts$", "[.](errors|repository|service)[.]ts$"],
        pathNot: "^services/[^/]+/src/http/",
      },
      to: { path: "node_modules/(koa|@koa/router|mongodb)/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)dist/" },
    enhancedResolveOptions: { conditionNames: ["source", "import", "default"] },
  },
};
