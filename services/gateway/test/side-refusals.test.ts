import { createServer, type Server } from "node:http";
import * as v2 from "@starter/contracts/v2";
import { http, startService, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateway } from "../src/service.ts";

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
let gatewayUrl = "";
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const [legacyUrl, deliveryUrl] = await Promise.all(sides.map(listening));
  const running = await startService(gateway, {
    // Its own limit off: every RateLimit field a client sees here is a side's.
    env: { LEGACY_URL: legacyUrl, DELIVERY_URL: deliveryUrl, COMPARE_INTERVAL_MS: "0", RATE_LIMIT_WRITES: "0" },
  });
  gatewayUrl = running.url;
  stop = running.stop;
});
afterAll(async () => {
  await stop();
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
