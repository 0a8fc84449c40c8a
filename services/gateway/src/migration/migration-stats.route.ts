import { defineRoute, type Route } from "@starter/service-kit/http";
import { z } from "zod";
import type { MigrationReads } from "./migration-reads.ts";
import type { SideComparison } from "./side-comparison.ts";

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

export function migrationStatsRoute(deps: { reads: MigrationReads; comparison: SideComparison }): Route {
  return defineRoute({
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
}
