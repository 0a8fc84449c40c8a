import { z } from "zod";
import type { ApiUsageRecorder } from "../api-usage/index.ts";
import { defineRoute, type Route } from "./routes/route.ts";

/** The scope that reads who calls which major: an operator's, not a client's. */
export const API_USAGE_SCOPE = "api-usage:read";

const usageQuery = z.object({ major: z.coerce.number().int().min(0).max(999) });

/**
 * `GET /api-usage?major=1`: who called a non-current major, how much, on how many days, first and last
 * seen, over the days kept: the report a removal is decided from. The calls of the last few seconds are
 * still in the instances' batches (API_USAGE_FLUSH_MS).
 */
export function apiUsageRoutes(usage: Pick<ApiUsageRecorder, "report">): Route[] {
  return [
    defineRoute({
      operationId: "getApiUsage",
      method: "get",
      path: "/api-usage",
      tag: "operations",
      summary: "Who still calls an API major",
      description: "Per client: requests, days seen, first and last seen, most requests first.",
      scopes: [API_USAGE_SCOPE],
      query: usageQuery,
      responses: { "200": { description: "The major's callers." } },
      handle: async (ctx, { query }) => {
        ctx.body = { major: query.major, clients: await usage.report(query.major) };
      },
    }),
  ];
}
