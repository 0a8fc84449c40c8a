import { connect } from "node:net";
import { http, startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testAppOptions } from "../../test/app-options.ts";
import { defineRoute } from "./routes/route.ts";
import { createServiceApp } from "./service-app.ts";
import { DRAIN_MAX_BYTES } from "./unread-body.ts";

const putNote = defineRoute({
  operationId: "putNote",
  method: "put",
  path: "/v1/notes/{id}",
  params: z.object({ id: z.string() }),
  body: { schema: z.object({ text: z.string() }), example: { text: "hi" } },
  summary: "Store a note",
  description: "A test route.",
  responses: { "200": { description: "The note." } },
  handle: (ctx, { body }) => {
    ctx.body = { text: body.text };
  },
});

/** Body limit 1 KiB (the test app's). */
const startNotes = () => startApp(createServiceApp(testAppOptions([putNote])).callback());

function put(path: string, body: string, headers: Record<string, string> = {}): Buffer {
  const all = { Host: "test", "Content-Type": "application/json", "Content-Length": String(body.length), ...headers };
  const head = [`PUT ${path} HTTP/1.1`, ...Object.entries(all).map(([name, value]) => `${name}: ${value}`)];
  return Buffer.from(`${head.join("\r\n")}\r\n\r\n${body}`, "latin1");
}

/**
 * Writes the requests one after another on one connection and returns what came back once `answers`
 * responses arrived or the server closed the connection (bounded by 5 s).
 */
function sameConnection(url: string, requests: Buffer[], answers: number): Promise<{ text: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let text = "";
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => reject(new Error(`no ${answers} answers in 5 s:\n${text}`)), 5_000);
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
      if (statuses(text).length >= answers) done(false);
    });
    socket.on("end", () => done(true));
    socket.on("error", reject);
    for (const request of requests) socket.write(request);
  });
}

const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));

describe("a connection after an answer given before the body was read", () => {
  it("When a body over the limit is refused, then the next request on the same connection is answered", async () => {
    await using app = await startNotes();
    const { text } = await sameConnection(
      app.url,
      [put("/v1/notes/a", `{"text":"${"x".repeat(300_000)}"}`), put("/v1/notes/b", '{"text":"ok"}')],
      2,
    );

    expect(statuses(text)).toEqual([413, 200]);
    expect(text).not.toMatch(/^Connection: close/im);
  });

  it("When a chunked body grows over the limit while it is read, then 413 and the rest is drained for the next request", async () => {
    await using app = await startNotes();
    const chunk = "x".repeat(16_384);
    const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
    const head =
      "PUT /v1/notes/a HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const chunked = Buffer.from(`${head}${chunks}0\r\n\r\n`, "latin1");
    const { text } = await sameConnection(app.url, [chunked, put("/v1/notes/b", '{"text":"ok"}')], 2);

    expect(statuses(text)).toEqual([413, 200]);
  });

  it("When the refused body is not JSON or is compressed, then 415 and the connection serves the next request", async () => {
    await using app = await startNotes();
    const { text } = await sameConnection(
      app.url,
      [
        put("/v1/notes/a", "x".repeat(500), { "Content-Type": "text/plain" }),
        put("/v1/notes/b", '{"text":"gz"}', { "Content-Encoding": "gzip" }),
        put("/v1/notes/c", '{"text":"ok"}'),
      ],
      3,
    );

    expect(statuses(text)).toEqual([415, 415, 200]);
  });

  it("When the body's route does not exist, then 404 and the connection serves the next request", async () => {
    await using app = await startNotes();
    const { text } = await sameConnection(
      app.url,
      [put("/v1/elsewhere/a", '{"text":"lost"}'), put("/v1/notes/b", '{"text":"ok"}')],
      2,
    );

    expect(statuses(text)).toEqual([404, 200]);
  });

  it("When a body announces more than can be drained, then 413 at once with Connection: close, before it is sent", async () => {
    await using app = await startNotes();
    const head = put("/v1/notes/a", "")
      .toString("latin1")
      .replace("Content-Length: 0", `Content-Length: ${DRAIN_MAX_BYTES + 1}`);
    // Waits for a second answer that never comes: it returns when the server closes the connection.
    const { text, closed } = await sameConnection(app.url, [Buffer.from(head, "latin1")], 2);

    expect(statuses(text)).toEqual([413]);
    expect(text).toMatch(/^Connection: close/im);
    expect(closed).toBe(true);
  });

  it("When fetch (keep-alive) sends a body over the limit, a bad body and a valid one, in rounds, then every answer arrives", async () => {
    await using app = await startNotes();
    const answers: number[] = [];
    for (let round = 0; round < 10; round++) {
      const big = await http(`${app.url}/v1/notes/a`, { method: "PUT", json: { text: "x".repeat(200_000) } });
      const bad = await http(`${app.url}/v1/notes/b`, {
        method: "PUT",
        rawBody: "{",
        headers: { "Content-Type": "application/json" },
      });
      const good = await http(`${app.url}/v1/notes/c`, { method: "PUT", json: { text: "ok" } });
      answers.push(big.status, bad.status, good.status);
    }

    expect(answers).toEqual(Array.from({ length: 10 }, () => [413, 400, 200]).flat());
  });
});
