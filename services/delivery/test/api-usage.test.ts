import { http, metricValue, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryApp, startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

let issuer: TokenIssuer;
let app: DeliveryApp;
const logLines: Record<string, unknown>[] = [];
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
  app = await startDeliveryApp({ env: { ...issuer.env, API_USAGE_FLUSH_MS: "100" }, logLines });
});
afterAll(async () => {
  await app?.[Symbol.asyncDispose]();
  await issuer?.[Symbol.asyncDispose]();
});

type UsageLine = { client: string; requests: number; days: number; firstSeen: string; lastSeen: string };

const bearer = async (claims: Record<string, unknown>) =>
  `Bearer ${await issuer.token({ scope: "deliveries:read deliveries:write", ...claims })}`;

/** The report once the instance has stored `client`'s calls (it writes every 100 ms here). */
async function usageOnceStored(major: number, client: string, requests: number): Promise<UsageLine[]> {
  const operator = await bearer({ sub: uniqueId("operator"), scope: "api-usage:read" });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const report = await http(`${app.url}/api-usage?major=${major}`, { headers: { Authorization: operator } });
    expect(report.status).toBe(200);
    const lines = report.body.clients as UsageLine[];
    if (lines.find((line) => line.client === client)?.requests === requests) return lines;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${client}'s ${requests} calls of v${major} were not stored`);
}

describe("who still calls version 1", () => {
  it("When two clients call v1 and a third only v2, then the report names the two with their counts, and not the third", async () => {
    const [byAzp, byClientId, onlyV2] = [uniqueId("mobile-app"), uniqueId("billing"), uniqueId("new-web")];
    const first = await bearer({ sub: uniqueId("user"), azp: byAzp });
    const second = await bearer({ sub: uniqueId("svc"), client_id: byClientId });
    const third = await bearer({ sub: onlyV2 });
    const id = uniqueId("d");
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput(), headers: { Authorization: third } });

    for (let call = 0; call < 3; call += 1) {
      // Another owner's delivery: hidden (404), and the call still counts.
      expect((await http(`${app.url}/v1/deliveries/${id}`, { headers: { Authorization: first } })).status).toBe(404);
    }
    for (let call = 0; call < 2; call += 1) {
      await http(`${app.url}/v1/deliveries/${uniqueId("d")}`, { headers: { Authorization: second } });
    }
    for (let call = 0; call < 4; call += 1) {
      await http(deliveryUrl(app.url, id), { headers: { Authorization: third } });
    }

    await usageOnceStored(1, byClientId, 2);
    const lines = await usageOnceStored(1, byAzp, 3);
    const mine = lines.filter((line) => [byAzp, byClientId, onlyV2].includes(line.client));
    expect(mine.map(({ client, requests, days }) => ({ client, requests, days }))).toEqual([
      { client: byAzp, requests: 3, days: 1 },
      { client: byClientId, requests: 2, days: 1 },
    ]);
    for (const line of mine) expect(Date.parse(line.firstSeen)).toBeLessThanOrEqual(Date.parse(line.lastSeen));
    const v2Report = await http(`${app.url}/api-usage?major=2`, {
      headers: { Authorization: await bearer({ scope: "api-usage:read" }) },
    });
    // Calls of the current major are not recorded (other tests' apps, promoted ones, may record v2 calls).
    const v2Clients = (v2Report.body.clients as UsageLine[]).map((line) => line.client);
    expect(v2Clients).not.toContain(onlyV2);
    expect(v2Report.status).toBe(200);
  });

  it("When a client calls v1, then the distinct callers of v1 are a metric", async () => {
    const client = uniqueId("reporting");
    await http(`${app.url}/v1/deliveries/${uniqueId("d")}`, {
      headers: { Authorization: await bearer({ azp: client }) },
    });
    await usageOnceStored(1, client, 1);

    const callers = metricValue(String((await http(`${app.url}/metrics`)).body), "api_version_callers", {
      api_major: "1",
    });
    expect(callers).toBeGreaterThanOrEqual(1);
  });

  it("When a request is served, then its log line names the API major and the caller's client, never the token", async () => {
    const client = uniqueId("logged");
    const authorization = await bearer({ azp: client });
    await http(`${app.url}/v1/deliveries/${uniqueId("d")}`, { headers: { Authorization: authorization } });

    const line = logLines.find((entry) => entry.msg === "request" && entry.client === client);
    expect(line).toMatchObject({ apiMajor: 1, client, status: 404 });
    expect(JSON.stringify(logLines)).not.toContain(authorization.slice("Bearer ".length));
  });

  it("When a client reads v1's document, then that is not a call of v1", async () => {
    const client = uniqueId("generator");
    const authorization = await bearer({ azp: client });
    await http(`${app.url}/v1/openapi.json`, { headers: { Authorization: authorization } });
    const marker = uniqueId("marker");
    await http(`${app.url}/v1/deliveries/${uniqueId("d")}`, {
      headers: { Authorization: await bearer({ azp: marker }) },
    });

    const lines = await usageOnceStored(1, marker, 1);
    expect(lines.map((line) => line.client)).not.toContain(client);
  });

  it("When the report is asked without the operator's scope, then 403 and nothing is shown", async () => {
    const report = await http(`${app.url}/api-usage?major=1`, { headers: { Authorization: await bearer({}) } });

    expect(report.status).toBe(403);
    expect(report.body.clients).toBeUndefined();
  });

  it("When the report names no valid major, then 400 says so", async () => {
    const operator = await bearer({ scope: "api-usage:read" });
    const report = await http(`${app.url}/api-usage?major=latest`, { headers: { Authorization: operator } });

    expect(report.status).toBe(400);
    expect(report.headers.get("content-type")).toContain("application/problem+json");
  });
});
