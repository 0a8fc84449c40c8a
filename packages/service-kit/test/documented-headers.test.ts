import { http, startApp } from "@starter/testing";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "../src/http/routes/route.ts";
import { createServiceApp } from "../src/http/service-app.ts";
import { createVersionRegistry } from "../src/versions/index.ts";
import { TEST_API_INFO, testAppOptions } from "./app-options.ts";

/** The headers the kit sends on its own, which every document must show where they are sent. */
const KIT_HEADERS = ["Deprecation", "Sunset", "Link", "RateLimit", "RateLimit-Policy", "Retry-After"];
const DATABASE_DOWN = new Error("the database is down");

const note = { path: "/v1/notes/{id}", params: z.object({ id: z.string() }), description: "A test route." };
const answered = (ctx: { status: number }) => {
  ctx.status = 204;
};
const routes = [
  defineRoute({
    ...note,
    ...{ operationId: "putNote", method: "put", summary: "Write a note" },
    responses: { "204": { description: "Written." } },
    handle: answered,
  }),
  defineRoute({
    ...note,
    ...{ operationId: "getNote", method: "get", summary: "Read a note" },
    responses: { "204": { description: "Read." } },
    handle: answered,
  }),
  defineRoute({
    ...{ path: "/v1/archive", operationId: "getArchive", method: "get", summary: "Read the archive" },
    description: "Its database is down.",
    responses: { "204": { description: "Read." } },
    handle: () => {
      throw DATABASE_DOWN;
    },
  }),
];

type Document = { paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>> };

describe("the headers an answer carries, against its document", () => {
  it("When a deprecated major's writes are limited, its dependency is down and its brownout and sunset come, then every lifecycle, rate-limit and Retry-After header sent is documented on that answer", async () => {
    let now = new Date("2026-12-07T12:00:00Z");
    const versions = createVersionRegistry([
      {
        ...{ major: 1, state: "deprecated", deprecatedAt: "2026-09-01T00:00:00Z", sunsetAt: "2027-03-01T00:00:00Z" },
        ...{ brownouts: [{ from: "2027-02-02T14:00:00Z", until: "2027-02-02T15:00:00Z" }], successor: 2 },
      },
      { major: 2, state: "current" },
    ]);
    const app = createServiceApp(
      testAppOptions(routes, {
        isUnavailable: (error) => error === DATABASE_DOWN,
        rateLimit: { policy: "writes", limiter: new RateLimiterMemory({ points: 1, duration: 60 }) },
        api: { title: "Notes API", versions, info: TEST_API_INFO, clock: () => now },
      }),
    );
    await using running = await startApp(app.callback());
    const document = (await http(`${running.url}/v1/openapi.json`)).body as Document;
    const call = async (method: "get" | "put", path: string, template = path) => {
      const answer = await http(`${running.url}${path}`, { method: method.toUpperCase() });
      const sent = KIT_HEADERS.filter((name) => answer.headers.has(name));
      const documented = Object.keys(document.paths[template]?.[method]?.responses[answer.status]?.headers ?? {});
      return { status: answer.status, sent, undocumented: sent.filter((name) => !documented.includes(name)) };
    };

    const answers = [
      await call("put", "/v1/notes/n-1", note.path),
      await call("put", "/v1/notes/n-1", note.path),
      await call("get", "/v1/notes/n-1", note.path),
      await call("get", "/v1/archive"),
    ];
    now = new Date("2027-02-02T14:30:00Z");
    answers.push(await call("get", "/v1/notes/n-1", note.path));
    now = new Date("2027-03-02T00:00:00Z");
    answers.push(await call("get", "/v1/notes/n-1", note.path));

    const lifecycle = ["Deprecation", "Sunset", "Link"];
    expect(answers).toEqual([
      { status: 204, sent: [...lifecycle, "RateLimit", "RateLimit-Policy"], undocumented: [] },
      { status: 429, sent: ["RateLimit", "RateLimit-Policy", "Retry-After"], undocumented: [] },
      { status: 204, sent: lifecycle, undocumented: [] },
      { status: 503, sent: [...lifecycle, "Retry-After"], undocumented: [] },
      { status: 410, sent: lifecycle, undocumented: [] },
      { status: 410, sent: [], undocumented: [] },
    ]);
  });
});
