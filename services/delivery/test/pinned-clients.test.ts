import { http, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryApp, startDeliveryApp } from "./delivery-app.ts";

let issuer: TokenIssuer;
let app: DeliveryApp;
let secondInstance: DeliveryApp;
let unpinned: DeliveryApp;
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
  [app, secondInstance, unpinned] = await Promise.all([
    startDeliveryApp({ env: issuer.env }),
    startDeliveryApp({ env: issuer.env }),
    startDeliveryApp({ env: { ...issuer.env, API_PIN_UNVERSIONED: "false" } }),
  ]);
});
afterAll(async () => {
  for (const started of [app, secondInstance, unpinned]) await started?.[Symbol.asyncDispose]();
  await issuer?.[Symbol.asyncDispose]();
});

const clientToken = async (client: string) =>
  ({ Authorization: `Bearer ${await issuer.token({ azp: client, scope: "deliveries:read" })}` }) as const;

/** The major that answered a read of a delivery nobody has: 404 either way, named by `api-version`. */
async function majorOf(url: string, headers: Record<string, string>): Promise<string | null> {
  const read = await http(url, { headers });
  expect(read.status).toBe(404);
  return read.headers.get("api-version");
}

describe("unversioned clients are pinned to the major they first used", () => {
  it("When a client first called v1 and then names no major, then v1 answers it, while a new client gets v2", async () => {
    const [old, fresh] = [await clientToken(uniqueId("old-app")), await clientToken(uniqueId("new-app"))];
    const path = `/deliveries/${uniqueId("d")}`;

    expect(await majorOf(`${app.url}/v1${path}`, old)).toBe("1");
    const pinned = await http(`${app.url}${path}`, { headers: old });
    expect(pinned.headers.get("api-version")).toBe("1");
    expect(pinned.headers.get("vary")).toContain("Authorization");
    expect(await majorOf(`${app.url}${path}`, fresh)).toBe("2");
  });

  it("When a pinned client names a major, then that one answers, and its unversioned requests stay pinned", async () => {
    const client = await clientToken(uniqueId("app"));
    const path = `/deliveries/${uniqueId("d")}`;

    expect(await majorOf(`${app.url}${path}`, client)).toBe("2");
    expect(await majorOf(`${app.url}${path}`, { ...client, "Accept-Version": "1" })).toBe("1");
    expect(await majorOf(`${app.url}/v1${path}`, client)).toBe("1");
    expect(await majorOf(`${app.url}${path}`, client)).toBe("2");
  });

  it("When another instance on the same database serves the client, then it finds the same pin", async () => {
    const client = await clientToken(uniqueId("app"));
    const path = `/deliveries/${uniqueId("d")}`;
    expect(await majorOf(`${app.url}/v1${path}`, client)).toBe("1");

    expect(await majorOf(`${secondInstance.url}${path}`, client)).toBe("1");
  });

  it("When pinning is off (API_PIN_UNVERSIONED=false), then an unversioned request always gets the current major", async () => {
    const client = await clientToken(uniqueId("app"));
    const path = `/deliveries/${uniqueId("d")}`;

    expect(await majorOf(`${unpinned.url}/v1${path}`, client)).toBe("1");
    expect(await majorOf(`${unpinned.url}${path}`, client)).toBe("2");
  });
});
