import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * One test run for the whole workspace: one database server (the global setup), every package and
 * service (every folder of packages/ and services/ with a package.json, so a new one joins by itself) a
 * project that inherits these settings. Workspace packages resolve to their TypeScript sources through
 * the `source` export condition, and console output during a test fails it.
 */
const packages = ["packages", "services"]
  .flatMap((parent) => readdirSync(join(import.meta.dirname, parent)).map((dir) => `${parent}/${dir}`))
  .filter((dir) => existsSync(join(import.meta.dirname, dir, "package.json")))
  .concat("test", "tools/local");

export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: {
    globalSetup: [join(import.meta.dirname, "packages/testing/src/global-setup.ts")],
    setupFiles: [join(import.meta.dirname, "packages/testing/src/no-console.ts")],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: packages.map((dir) => ({
      extends: true,
      test: { name: dir.split("/").at(-1) ?? dir, root: join(import.meta.dirname, dir), include: ["**/*.test.ts"] },
    })),
  },
});
