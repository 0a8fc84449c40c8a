import { http, metricValue, startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TEST_API_INFO, testAppOptions } from "../../test/app-options.ts";
import { createMetricsRegistry } from "../metrics/index.ts";
import { createVersionRegistry } from "../versions/index.ts";
import { defineRoute } from "./routes/route.ts";
import { createServiceApp } from "./service-app.ts";

const noteRoute = (major: number) =>
  defineRoute({
    operationId: `getNoteV${major}`,
    method: "get",
    path: `/v${major}/notes/{id}`,
    params: z.object({ id: z.string() }),
    summary: "Read a note",
    description: "A test route.",
    responses: { "200": { description: "The note." } },
    handle: (ctx, { params }) => {
      if (params.id === "missing") return; // unanswered: the error handler's 404
      ctx.body = { id: params.id };
    },
  });

const versions = createVersionRegistry([
  { major: 1, state: "deprecated", deprecatedAt: "2026-01-01", sunsetAt: "2027-01-01", successor: 2 },
  { major: 2, state: "current" },
]);
const startNotes = () => {
  const registry = createMetricsRegistry({ runtime: false });
  const app = createServiceApp(
    testAppOptions([noteRoute(1), noteRoute(2)], {
      metrics: registry,
      // A day v1 is served on, whatever day the test runs.
      api: { title: "Notes API", versions, info: TEST_API_INFO, clock: () => new Date("2026-06-01") },
    }),
  );
  return startApp(app.callback());
};
const scrape = async (url: string) => {
  const answer = await http(`${url}/metrics`);
  expect(answer.headers.get("content-type")).toContain("text/plain");
  return String(answer.body);
};

describe("the kit's HTTP metrics at /metrics", () => {
  it("When requests are served, then they are counted by route template, method, status and major, never by path", async () => {
    await using running = await startNotes();
    await http(`${running.url}/v2/notes/n-1`);
    await http(`${running.url}/v2/notes/n-2`);
    await http(`${running.url}/v2/notes/missing`);
    await http(`${running.url}/nowhere/at-all`);

    const text = await scrape(running.url);
    const series = "http_server_request_duration_seconds_count";
    const route = { http_request_method: "GET", http_route: "/v2/notes/{id}", api_major: "2" };
    expect(metricValue(text, series, { ...route, http_response_status_code: "200" })).toBe(2);
    expect(metricValue(text, series, { ...route, http_response_status_code: "404" })).toBe(1);
    expect(metricValue(text, series, { http_route: "", http_response_status_code: "404" })).toBe(1);
    expect(text).not.toContain("n-1");
    expect(text).not.toContain("nowhere");
  });

  it("When a deprecated major is called, then its series counts it; a call of the current major does not", async () => {
    await using running = await startNotes();
    await http(`${running.url}/v1/notes/n-1`);
    await http(`${running.url}/v2/notes/n-1`);
    await http(`${running.url}/v2/notes/n-2`);

    const text = await scrape(running.url);
    const versionSeries = "api_version_requests_total";
    expect(metricValue(text, versionSeries, { api_major: "1", api_version_state: "deprecated" })).toBe(1);
    expect(metricValue(text, versionSeries, { api_major: "2", api_version_state: "current" })).toBe(2);
    expect(metricValue(text, versionSeries, { api_major: "2", api_version_state: "deprecated" })).toBeUndefined();
  });

  it("When metrics are turned off (METRICS_ENABLED=false), then nothing is served at /metrics and requests are served as before", async () => {
    const app = createServiceApp(testAppOptions([noteRoute(2)], { metrics: false }));
    await using running = await startApp(app.callback());

    expect((await http(`${running.url}/v2/notes/n-1`)).status).toBe(200);
    expect((await http(`${running.url}/metrics`)).status).toBe(404);
  });

  it("When a client sends a method outside the standard ones (WebDAV's PROPFIND), then it is counted as _OTHER: labels stay bounded", async () => {
    await using running = await startNotes();
    await http(`${running.url}/v2/notes/n-1`, { method: "PROPFIND" });

    const text = await scrape(running.url);
    expect(metricValue(text, "http_server_request_duration_seconds_count", { http_request_method: "_OTHER" })).toBe(1);
    expect(text).not.toContain("PROPFIND");
  });
});
