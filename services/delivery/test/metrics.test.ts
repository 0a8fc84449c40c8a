import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { http, metricValue, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

// A database of its own: the operation series count the whole collection, and this app's worker is its only one.
const app = useDeliveryApp({ ownDatabase: true, dispatchDurationMs: 200 });
const scrape = async () => String((await http(`${app.url}/metrics`)).body);

/** Polls an operation's status until it is over (303), for at most 10 s. */
async function awaitEnd(location: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const { status } = await http(`${app.url}${location}`);
    if (status !== 200) return status;
    await sleep(100);
  }
  return 200;
}

describe("the delivery service's /metrics", () => {
  it("When version 1 (deprecated) and version 2 are called, then the deprecated major's series counts the version 1 calls only", async () => {
    const id = uniqueId("m");
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    await http(`${app.url}/v1/deliveries/${id}`);
    const before = await scrape();
    await http(`${app.url}/v1/deliveries/${id}`);
    await http(deliveryUrl(app.url, id));
    const after = await scrape();

    const deprecated = { api_major: "1", api_version_state: "deprecated" };
    const current = { api_major: "2", api_version_state: "current" };
    const grew = (labels: Record<string, string>) =>
      (metricValue(after, "api_version_requests_total", labels) ?? 0) -
      (metricValue(before, "api_version_requests_total", labels) ?? 0);
    expect([grew(deprecated), grew(current)]).toEqual([1, 1]);
    const v1Reads = { http_route: "/v1/deliveries/{id}", http_response_status_code: "200", api_major: "1" };
    expect(metricValue(after, "http_server_request_duration_seconds_count", v1Reads)).toBe(2);
  });

  it("When a dispatch is sent twice with one key, then one is processed and one replayed, and the worker's claim and the operation's end are counted", async () => {
    const id = uniqueId("m");
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    const headers = { "Idempotency-Key": randomUUID() };
    const accepted = await http(`${deliveryUrl(app.url, id)}/dispatch`, { method: "POST", headers });
    await http(`${deliveryUrl(app.url, id)}/dispatch`, { method: "POST", headers });
    expect(await awaitEnd(accepted.headers.get("location") ?? "")).toBe(303);

    const text = await scrape();
    expect(metricValue(text, "idempotency_key_requests_total", { outcome: "processed" })).toBe(1);
    expect(metricValue(text, "idempotency_key_requests_total", { outcome: "replayed" })).toBe(1);
    expect(metricValue(text, "operation_claims_total", { kind: "dispatch", claim: "first" })).toBe(1);
    expect(metricValue(text, "operations", { state: "succeeded" })).toBe(1);
    expect(metricValue(text, "operations", { state: "pending" })).toBe(0);
    expect(metricValue(text, "operations_oldest_pending_age_seconds")).toBe(0);
  });

  it("When an analysis may query a series (docker/k8s/served-series.txt), then /metrics serves it: a renamed series breaks this test, not a rollout", async () => {
    const listed = readFileSync(join(import.meta.dirname, "../../../docker/k8s/served-series.txt"), "utf8")
      .split("\n")
      .map((line) => (line.split("#")[0] ?? "").trim())
      .filter((name) => name !== "");
    // Every family declares its TYPE, with samples or not yet; Prometheus stores a histogram as three series.
    const served = new Set<string>();
    for (const [, name, type] of (await scrape()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      if (type === "histogram") for (const suffix of ["_bucket", "_count", "_sum"]) served.add(`${name}${suffix}`);
      else served.add(name ?? "");
    }
    expect(listed).toContain("http_server_request_duration_seconds_bucket");
    expect(listed.filter((name) => !served.has(name))).toEqual([]);
  });

  it("When requests have used the database, then the pool's connections are reported by state", async () => {
    await http(deliveryUrl(app.url, uniqueId("m")));

    const text = await scrape();
    const used = metricValue(text, "db_client_connection_count", { db_client_connection_state: "used" });
    const idle = metricValue(text, "db_client_connection_count", { db_client_connection_state: "idle" });
    // The worker polls meanwhile: how many are in use at the scrape varies, the pool's size does not vanish.
    expect((used ?? 0) + (idle ?? 0)).toBeGreaterThan(0);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(metricValue(text, "db_client_connection_pending_requests")).toBeGreaterThanOrEqual(0);
  });
});
