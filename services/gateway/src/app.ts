import type { Coordinator } from "@starter/coordination";
import { type ApiInfo, type AppBasics, defineRoute, type ServiceAppOptions } from "@starter/service-kit/http";
import { createVersionRegistry } from "@starter/service-kit/versions";
import { z } from "zod";
import { errorMap } from "./error-map.ts";
import type { SharedDelivery } from "./migration/delivery-participants.ts";
import { migrationRoutes } from "./migration/migration.routes.ts";
import type { MigrationReads } from "./migration/migration-reads.ts";
import type { SideComparison } from "./migration/side-comparison.ts";

/** `ready`: its own database and both participants answer. */
export type AppDependencies = AppBasics &
  Readonly<{
    coordinator: Coordinator<SharedDelivery>;
    reads: MigrationReads;
    comparison: SideComparison;
    requestDeadlineMs: number;
    /** The documents' servers, contact and license. */
    apiInfo: ApiInfo;
  }>;

/** What `/migration/stats` shows: reads of both sides and the periodic comparison, counted since start. */
const migrationStatsSchema = z.object({
  shadowReads: z.object({ reads: z.number(), mismatches: z.number(), unreachable: z.number() }),
  comparison: z.object({
    compared: z.number(),
    differences: z.number(),
    /** Ids one side could not be read for: not compared, not a difference. */
    unreachable: z.number(),
    lastDifferentIds: z.array(z.string()),
  }),
});

const GATEWAY_VERSIONS = createVersionRegistry([{ major: 2, state: "current" }]);

/** What the kit builds the gateway from: its routes, errors and the version 2 API. */
export function appOptions(deps: AppDependencies): ServiceAppOptions {
  const stats = defineRoute({
    operationId: "getMigrationStats",
    method: "get",
    path: "/migration/stats",
    summary: "Shadow-read and comparison counts",
    description:
      "Counts since start of reads that read both sides (mismatches, unreachable) and of the periodic comparison (differences, unreachable, the latest different ids).",
    responses: { "200": { description: "The counts since the gateway started.", schema: migrationStatsSchema } },
    handle: (ctx) => {
      ctx.body = { shadowReads: deps.reads.stats, comparison: deps.comparison.stats };
    },
  });
  return {
    ...deps,
    errorMap,
    routes: [...migrationRoutes(deps), stats],
    // Clients of the gateway see version 2 only, documented at /v2/openapi.json and /docs.
    api: {
      title: "Delivery API (migration gateway)",
      versions: GATEWAY_VERSIONS,
      info: deps.apiInfo,
      // Passed on to both services with the client's token: there it reaches every owner's deliveries.
      moreScopes: { "deliveries:admin": "Reach every owner's deliveries" },
      versionNeutralPaths: ["/migration"],
    },
  };
}
