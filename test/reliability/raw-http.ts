import { connect } from "node:net";

/** What came back on a connection: a response (as far as it arrived), or nothing before it closed. */
export type RawAnswer =
  | { kind: "answered"; status: number; headers: Readonly<Record<string, string>>; body: string }
  | { kind: "closed" };

/**
 * A request as bytes, sent as given: duplicate or malformed headers, a body unlike its Content-Length,
 * a path no client library would send. `Host` is added unless given; `Content-Length` is added unless
 * given or `chunked` says the body is already chunked.
 */
export function rawRequest(
  method: string,
  path: string,
  headers: readonly (readonly [string, string])[],
  body: string | Buffer = "",
  options: { chunked?: boolean } = {},
): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const names = new Set(headers.map(([name]) => name.toLowerCase()));
  const all = [
    ...(names.has("host") ? [] : [["Host", "127.0.0.1"] as const]),
    ...headers,
    ...(names.has("content-length") || options.chunked || (bytes.length === 0 && method === "GET")
      ? []
      : [["Content-Length", String(bytes.length)] as const]),
  ];
  const head = `${method} ${path} HTTP/1.1\r\n${all.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), bytes]);
}

/** Sends the bytes on a fresh connection and reads the first response; bounded by `timeoutMs`. */
export function sendRaw(url: string, bytes: Buffer, timeoutMs = 5_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseResponse(received);
      if (answer?.complete) settle(answer.answer);
    });
    socket.on("close", () => settle(parseResponse(received)?.answer ?? { kind: "closed" }));
    socket.on("error", () => settle(parseResponse(received)?.answer ?? { kind: "closed" }));
    socket.write(bytes);
  });
}

function parseResponse(bytes: Buffer): { answer: RawAnswer; complete: boolean } | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(end + 4);
  const length = Number(headers["content-length"] ?? 0);
  return {
    answer: { kind: "answered", status, headers, body: body.toString("utf8") },
    complete: body.length >= length,
  };
}
