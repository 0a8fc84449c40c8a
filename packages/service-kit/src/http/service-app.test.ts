import { request as httpRequest } from "node:http";
import { http, startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testAppOptions } from "../../test/app-options.ts";
import { defineRoute } from "./routes/route.ts";
import { createServiceApp } from "./service-app.ts";

const echo = defineRoute({
  operationId: "putNote",
  method: "put",
  path: "/v1/notes/{id}",
  params: z.object({ id: z.string().regex(/^n-\d+$/) }),
  query: z.strictObject({ tag: z.string().optional() }),
  body: { schema: z.object({ text: z.string() }), example: { text: "hi" } },
  summary: "Echo a note",
  description: "A test route.",
  responses: { "200": { description: "The note." } },
  handle: (ctx, { params, query, body }) => {
    ctx.body = { id: params.id, tag: query.tag ?? null, text: body.text };
  },
});

const app = () => createServiceApp(testAppOptions([echo]));

/** fetch refuses TRACE; node:http sends any method. */
function send(
  url: string,
  method: string,
): Promise<{ status: number; allow: string | undefined; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, type: res.headers["content-type"] }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("a service app built from route declarations", () => {
  it("When the request matches the declaration, then the handler gets the parsed path, query and body", async () => {
    await using running = await startApp(app().callback());
    const response = await http(`${running.url}/v1/notes/n-1?tag=a`, { method: "PUT", json: { text: "hi", extra: 1 } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: "n-1", tag: "a", text: "hi" });
  });

  it("When path, query or body break the declaration, then 400 problem+json pointing at each", async () => {
    await using running = await startApp(app().callback());
    const badPath = await http(`${running.url}/v1/notes/x`, { method: "PUT", json: { text: "hi" } });
    const badQuery = await http(`${running.url}/v1/notes/n-1?color=red`, { method: "PUT", json: { text: "hi" } });
    const badBody = await http(`${running.url}/v1/notes/n-1`, { method: "PUT", json: { text: 1 } });

    expect(badPath.body.errors).toEqual([expect.objectContaining({ pointer: "/id" })]);
    expect(badQuery.body.errors).toEqual([expect.objectContaining({ pointer: "/color" })]);
    expect(badBody.body.errors).toEqual([expect.objectContaining({ pointer: "/text" })]);
    expect([badPath.status, badQuery.status, badBody.status]).toEqual([400, 400, 400]);
  });

  it("When a route declares an error code the map lacks, then the app refuses to be built, naming both", () => {
    const unmapped = defineRoute({ ...echo, errors: ["note.missing"] });
    const build = () => createServiceApp(testAppOptions([unmapped]));

    expect(build).toThrow(/putNote declares note.missing, which the error map lacks/);
  });

  it("When a method no route has is sent to a known path (TRACE, PATCH), then 405 problem+json with Allow; elsewhere 404", async () => {
    await using running = await startApp(app().callback());

    for (const method of ["TRACE", "PATCH", "POST"]) {
      const answer = await send(`${running.url}/v1/notes/n-1`, method);
      expect([method, answer.status, answer.allow, answer.type]).toEqual([
        method,
        405,
        "PUT",
        "application/problem+json",
      ]);
    }
    expect((await send(`${running.url}/nowhere`, "TRACE")).status).toBe(404);
    expect((await send(`${running.url}/livez`, "TRACE")).allow).toBe("HEAD, GET");
  });
});
