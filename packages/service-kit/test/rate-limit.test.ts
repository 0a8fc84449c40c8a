import { setTimeout as sleep } from "node:timers/promises";
import {
  connectTestDatabase,
  http,
  startApp,
  startTokenIssuer,
  type TestDatabase,
  type TokenIssuer,
  uniqueId,
} from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { jwksTokenVerifier } from "../src/auth/index.ts";
import { defineRoute } from "../src/http/routes/route.ts";
import { createServiceApp } from "../src/http/service-app.ts";
import {
  createRateLimitIndexes,
  deleteExpiredRateLimits,
  mongoRateLimiter,
  RATE_LIMITS_COLLECTION,
} from "../src/rate-limits/index.ts";
import { testAppOptions } from "./app-options.ts";

const note = { path: "/v1/notes/{id}", params: z.object({ id: z.string() }), description: "A test route." };
const routes = [
  defineRoute({
    ...note,
    operationId: "putNote",
    method: "put",
    summary: "Write a note",
    responses: { "204": { description: "Written." } },
    handle: (ctx) => {
      ctx.status = 204;
    },
  }),
  defineRoute({
    ...note,
    operationId: "getNote",
    method: "get",
    summary: "Read a note",
    responses: { "204": { description: "Read." } },
    handle: (ctx) => {
      ctx.status = 204;
    },
  }),
];

let database: TestDatabase;
let issuer: TokenIssuer;
beforeAll(async () => {
  database = await connectTestDatabase();
  await createRateLimitIndexes(database.db);
  issuer = await startTokenIssuer({ audience: "notes-api" });
});
afterAll(async () => {
  await issuer?.[Symbol.asyncDispose]();
  await database?.[Symbol.asyncDispose]();
});

/** An instance of a service limiting writes, counting in the run's database under `keyPrefix` (one per test). */
async function startInstance(limit: { points: number; durationSeconds: number; keyPrefix: string }) {
  const options = testAppOptions(routes, {
    auth: {
      realm: "notes",
      verify: jwksTokenVerifier({ ...issuer, algorithms: ["ES256"], clockToleranceSeconds: 0 }),
      isPublic: () => false,
    },
    rateLimit: { policy: "writes", limiter: mongoRateLimiter(database.db, limit) },
  });
  return startApp(createServiceApp(options).callback());
}

const client = async (azp: string) => ({ Authorization: `Bearer ${await issuer.token({ azp })}` });

describe("rate limits per client, counted in MongoDB", () => {
  it("When one client's writes go to two instances on one database, then they share its count: over it 429 with Retry-After and the RateLimit fields; its reads and other clients go on", async () => {
    const limit = { points: 3, durationSeconds: 60, keyPrefix: uniqueId("rl") };
    await using first = await startInstance(limit);
    await using second = await startInstance(limit);
    const [clientA, clientB] = [await client("client-a"), await client("client-b")];
    const put = (url: string, headers: Record<string, string>) =>
      http(`${url}/v1/notes/n-1`, { method: "PUT", headers });

    const allowed = [await put(first.url, clientA), await put(second.url, clientA), await put(first.url, clientA)];
    expect(allowed.map((answer) => answer.status)).toEqual([204, 204, 204]);
    expect(allowed.map((answer) => answer.headers.get("ratelimit")?.match(/r=(\d+)/)?.[1])).toEqual(["2", "1", "0"]);
    expect(allowed[0]?.headers.get("ratelimit-policy")).toBe('"writes";q=3;w=60');

    const refused = await put(second.url, clientA);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.type).toBe("urn:problem-type:rate_limit.exceeded");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(55);
    expect(refused.headers.get("ratelimit")).toMatch(/^"writes";r=0;t=\d+$/);
    expect(refused.headers.get("ratelimit-policy")).toBe('"writes";q=3;w=60');

    const read = await http(`${second.url}/v1/notes/n-1`, { headers: clientA });
    expect(read.status).toBe(204);
    expect(read.headers.get("ratelimit")).toBeNull();
    expect((await put(second.url, clientB)).headers.get("ratelimit")).toMatch(/^"writes";r=2;/);
  });

  it("When the window ends, then the client may write again, and the sweep deletes the window that ended", async () => {
    const limit = { points: 1, durationSeconds: 1, keyPrefix: uniqueId("rl") };
    await using instance = await startInstance(limit);
    const headers = await client("client-a");
    const put = () => http(`${instance.url}/v1/notes/n-1`, { method: "PUT", headers });

    expect([(await put()).status, (await put()).status]).toEqual([204, 429]);
    await sleep(1_100);
    expect((await put()).status).toBe(204);

    const windows = database.db.collection(RATE_LIMITS_COLLECTION);
    expect(await windows.countDocuments({ key: `${limit.keyPrefix}:client:client-a` })).toBe(1);
    await deleteExpiredRateLimits(database.db, new Date(Date.now() + 2_000));
    expect(await windows.countDocuments({ key: `${limit.keyPrefix}:client:client-a` })).toBe(0);
  });
});
