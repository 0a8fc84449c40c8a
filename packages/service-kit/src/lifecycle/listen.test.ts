import type { IncomingMessage, ServerResponse } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { listen, type ServerLimits } from "./listen.ts";

const LIMITS: ServerLimits = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_200,
  keepAliveTimeoutMs: 400,
  maxHeaderBytes: 4_096,
  maxConnections: 5,
};

async function listening(limits: Partial<ServerLimits> = {}) {
  // Answers once the whole request is read, as an app with a body does.
  const handler = (req: IncomingMessage, res: ServerResponse) => req.resume().on("end", () => res.end("ok"));
  const started = await listen(handler, {
    port: 0,
    host: "127.0.0.1",
    gracePeriodMs: 100,
    limits: { ...LIMITS, ...limits },
  });
  return { port: Number(new URL(started.value.url).port), [Symbol.asyncDispose]: started.stop };
}

/** Sends `text` (and nothing more) and says what came back and after how long the server closed (bounded). */
function sendAndWait(port: number, text: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after 5 s: ${answer}`));
    }, 5_000);
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answer, closedAfterMs: Date.now() - startedAt });
    });
    socket.on("error", () => {});
    socket.write(text);
  });
}

describe("the limits the server sets its clients", () => {
  it("When a client sends its headers too slowly, then the connection is answered 408 and closed after the headers timeout", async () => {
    await using server = await listening();
    const { answer, closedAfterMs } = await sendAndWait(server.port, "GET / HTTP/1.1\r\nHost: x\r\n");

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it("When a client announces a body and never sends it, then 408 after the request timeout", async () => {
    await using server = await listening();
    const { answer, closedAfterMs } = await sendAndWait(
      server.port,
      "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
    );

    expect(answer).toMatch(/HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(4_000);
  });

  it("When the headers are larger than allowed, then 431 and the connection is closed", async () => {
    await using server = await listening();
    const { answer } = await sendAndWait(
      server.port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(5_000)}\r\n\r\n`,
    );

    expect(answer).toMatch(/^HTTP\/1\.1 431/);
  });

  it("When a keep-alive connection idles past the keep-alive timeout, then the server closes it", async () => {
    await using server = await listening();
    const { answer, closedAfterMs } = await sendAndWait(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(300);
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it("When more connections than allowed are open, then the next one is closed at once", async () => {
    await using server = await listening({ maxConnections: 1 });
    const first = connect(server.port, "127.0.0.1");
    await new Promise((resolve) => first.once("connect", resolve));
    try {
      const { answer, closedAfterMs } = await sendAndWait(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

      expect(answer).toBe("");
      expect(closedAfterMs).toBeLessThan(300);
    } finally {
      first.destroy();
    }
  });
});
