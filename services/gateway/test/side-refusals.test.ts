import { createServer, type Server } from "node:http";
import * as v2 from "@starter/contracts/v2";
import { createLogger } from "@starter/service-kit/logging";
import { connectTestDatabase, http, startApp, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeGateway } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

/**
 * What a side's refusal carries besides its body reaches the gateway's client. The sides are stand-ins
 * that answer as the services' rate limit does (the kit's `rateLimit`: a 429 problem with Retry-After and
 * the IETF draft's RateLimit fields): a client's limit on a side is the client's to know.
 */
const LIMITED = {
  "retry-after": "37",
  ratelimit: '"writes";r=0;t=37',
  "ratelimit-policy": '"writes";q=600;w=60',
};

/** A side that holds nothing and refuses every write as over the client's limit. */
function limitedSide(): Server {
  return createServer((req, res) => {
    if (req.url === "/readyz") {
      res.end();
      return;
    }
    res.setHeader("content-type", "application/problem+json");
    if (req.method === "GET") {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ type: "urn:problem-type:delivery.not_found", title: "Delivery not found", status: 404 }),
      );
      return;
    }
    res.writeHead(429, LIMITED);
    res.end(
      JSON.stringify({
        type: "urn:problem-type:rate_limit.exceeded",
        title: "Too many requests",
        status: 429,
        detail: "too many requests from this client; retry in 37 s",
      }),
    );
  });
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

const sides = [limitedSide(), limitedSide()];
let database: TestDatabase;
let gatewayUrl = "";
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const [legacyUrl, deliveryUrl] = await Promise.all(sides.map(listening));
  database = await connectTestDatabase();
  const config = readConfig({
    MONGODB_URI: database.uri,
    AUTH_MODE: "off",
    LEGACY_URL: legacyUrl,
    DELIVERY_URL: deliveryUrl,
    COMPARE_INTERVAL_MS: "0",
  });
  const logger = createLogger({ name: "gateway", level: "silent", format: "json" });
  const gateway = composeGateway({ db: database.db, config, logger, metrics: false, ping: async () => true });
  const running = await startApp(gateway.app.callback());
  gatewayUrl = running.url;
  stop = async () => {
    await running[Symbol.asyncDispose]();
    await gateway.settle();
  };
});
afterAll(async () => {
  await stop();
  await database?.[Symbol.asyncDispose]();
  for (const side of sides) side.close();
});

describe("the gateway passes a side's refusal on", () => {
  it("When a side answers a write 429, then the client gets 429 problem+json with that side's Retry-After, RateLimit and RateLimit-Policy", async () => {
    const id = uniqueId("g");
    const answer = await http(`${gatewayUrl}/v2/deliveries/${id}`, { method: "PUT", json: v2.deliveryInputExample });

    expect(answer.status).toBe(429);
    expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: "urn:problem-type:rate_limit.exceeded", status: 429 });
    for (const [name, value] of Object.entries(LIMITED))
      expect([name, answer.headers.get(name)]).toEqual([name, value]);
  });

  it("When the gateway refuses on its own (a 412 no side gave), then no Retry-After or RateLimit header is made up", async () => {
    const id = uniqueId("g");
    const answer = await http(`${gatewayUrl}/v2/deliveries/${id}`, {
      method: "PUT",
      json: v2.deliveryInputExample,
      headers: { "If-Match": '"v2-delivery-1"' },
    });
    expect(answer.status).toBe(412);
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(answer.headers.get("ratelimit")).toBeNull();
  });
});
