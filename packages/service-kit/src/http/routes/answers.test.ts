import { http, logLinesInto, startApp } from "@starter/testing";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testAppOptions } from "../../../test/app-options.ts";
import { AppError } from "../../errors/index.ts";
import { commonErrorMap } from "../error-map.ts";
import { representationAnswer } from "../representation.ts";
import { createServiceApp } from "../service-app.ts";
import { accepted, created, noContent } from "./answers.ts";
import { defineRoute, type Route } from "./route.ts";

const params = z.object({ id: z.string() });
const base = { params, summary: "A test route", description: "A test route." } as const;

/** Free-form handlers that return their answers instead of writing `ctx`. */
const answering: Route[] = [
  defineRoute({
    ...{ ...base, operationId: "getThing", method: "get", path: "/v1/things/{id}" },
    responses: { "200": { description: "The thing." }, "304": { description: "Not modified." } },
    handle: (_, { params: { id } }) => representationAnswer({ name: "v1-thing", version: 3, body: { id } }),
  }),
  defineRoute({
    ...{ ...base, operationId: "putThing", method: "put", path: "/v1/things/{id}" },
    responses: { "201": { description: "Created." } },
    handle: (_, { params: { id } }) => created({ id }, `/v1/things/${id}`, { "Content-Location": `/v1/things/${id}` }),
  }),
  defineRoute({
    ...{ ...base, operationId: "startThing", method: "post", path: "/v1/things/{id}/starts" },
    responses: { "202": { description: "Started." } },
    handle: async (_, { params: { id } }) => accepted({ operation: `op-${id}` }, { "Retry-After": "1" }),
  }),
  defineRoute({
    ...{ ...base, operationId: "deleteThing", method: "delete", path: "/v1/things/{id}" },
    responses: { "204": { description: "Gone." } },
    handle: () => noContent(),
  }),
];

describe("answers returned by a handler, written by the router", () => {
  it("When a free-form handler returns ok, created, accepted or noContent, then its status, headers and body are the answer", async () => {
    await using running = await startApp(createServiceApp(testAppOptions(answering)).callback());
    const url = `${running.url}/v1/things/t-1`;

    const read = await http(url);
    const put = await http(url, { method: "PUT" });
    const started = await http(`${url}/starts`, { method: "POST" });
    const deleted = await http(url, { method: "DELETE" });

    expect([read.status, read.headers.get("etag"), read.body]).toEqual([200, '"v1-thing-3"', { id: "t-1" }]);
    expect([put.status, put.headers.get("location"), put.headers.get("content-location")]).toEqual([
      201,
      "/v1/things/t-1",
      "/v1/things/t-1",
    ]);
    expect([started.status, started.headers.get("retry-after"), started.body]).toEqual([
      202,
      "1",
      { operation: "op-t-1" },
    ]);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
  });

  it("When a returned representation's ETag is in a GET's If-None-Match, then 304 with the ETag and no body", async () => {
    await using running = await startApp(createServiceApp(testAppOptions(answering)).callback());

    const response = await http(`${running.url}/v1/things/t-1`, { headers: { "If-None-Match": '"v1-thing-3"' } });

    expect([response.status, response.headers.get("etag"), response.body]).toEqual([304, '"v1-thing-3"', undefined]);
  });
});

/** One route per way of answering a status its declaration does not list (200 only is listed). */
const undocumented: Route[] = [
  defineRoute({
    ...{ ...base, operationId: "returnsAccepted", method: "post", path: "/v1/returned/{id}" },
    responses: { "200": { description: "Done." } },
    handle: () => accepted({ queued: true }),
  }),
  defineRoute({
    ...{ ...base, operationId: "writesCreated", method: "post", path: "/v1/written/{id}" },
    responses: { "200": { description: "Done." } },
    handle: (ctx) => {
      ctx.status = 201;
      ctx.body = { made: true };
    },
  }),
  defineRoute({
    ...{ ...base, operationId: "throwsNotFound", method: "get", path: "/v1/missing/{id}" },
    responses: { "200": { description: "Found." } },
    errors: ["thing.not_found"],
    handle: (_, { params: { id } }) => {
      throw new AppError("thing.not_found", `${id} is not here`);
    },
  }),
];

function appWith(options: { refuse: boolean; lines: Record<string, unknown>[] }) {
  const logger = pino({ level: "error" }, logLinesInto(options.lines));
  return createServiceApp(
    testAppOptions(undocumented, {
      logger,
      errorMap: { ...commonErrorMap, "thing.not_found": { status: 404, title: "Thing not found" } },
      refuseUndocumentedStatuses: options.refuse,
    }),
  );
}

describe("statuses a route's declaration does not list", () => {
  it.each([
    ["returned as an answer", "returned", "returnsAccepted answered 202"],
    ["written on ctx", "written", "writesCreated answered 201"],
  ])(
    "When refused and the status is %s, then 500 problem+json and an error log line naming the operation and the status",
    async (_, prefix, named) => {
      const lines: Record<string, unknown>[] = [];
      await using running = await startApp(appWith({ refuse: true, lines }).callback());

      const response = await http(`${running.url}/v1/${prefix}/x-1`, { method: "POST" });

      expect([response.status, response.headers.get("content-type"), response.body.type]).toEqual([
        500,
        "application/problem+json",
        "urn:problem-type:service.internal",
      ]);
      const errors = lines.filter((line) => line.level === 50);
      expect(errors).toEqual([
        expect.objectContaining({ err: expect.objectContaining({ message: expect.stringContaining(named) }) }),
      ]);
    },
  );

  it("When not refused (the default), then the undocumented statuses are answered as the handlers gave them", async () => {
    const lines: Record<string, unknown>[] = [];
    await using running = await startApp(appWith({ refuse: false, lines }).callback());

    const returned = await http(`${running.url}/v1/returned/x-1`, { method: "POST" });
    const written = await http(`${running.url}/v1/written/x-1`, { method: "POST" });

    expect([returned.status, returned.body]).toEqual([202, { queued: true }]);
    expect([written.status, written.body]).toEqual([201, { made: true }]);
    expect(lines).toEqual([]);
  });

  it("When refused, then an error status is still rendered from the error map, undeclared in `responses` as errors are", async () => {
    const lines: Record<string, unknown>[] = [];
    await using running = await startApp(appWith({ refuse: true, lines }).callback());

    const response = await http(`${running.url}/v1/missing/x-1`);

    expect([response.status, response.body.type]).toEqual([404, "urn:problem-type:thing.not_found"]);
    expect(lines).toEqual([]);
  });
});
