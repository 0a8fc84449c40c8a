import { request as httpRequest } from "node:http";
export type HttpResponse = {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the response is JSON (`+json` included), else the text; `undefined` when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON and assert on it; typing it would only add casts
  readonly body: any;
};

export type HttpRequest = {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json` unless `rawBody` is given. */
  readonly json?: unknown;
  readonly rawBody?: string | Uint8Array;
  /** Redirects are not followed unless asked: a test of a 303 wants to see the 303. */
  readonly redirect?: "manual" | "follow";
};

/** fetch that never throws on a status (tests assert on it) and shows redirects as they are. */
export async function http(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const headers = new Headers(request.headers);
  let body: string | Uint8Array | undefined = request.rawBody;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await fetch(url, {
    method: request.method ?? "GET",
    headers,
    body: body ?? null,
    redirect: request.redirect ?? "manual",
  });
  const text = await response.text();
  const isJson = /[/+]json\b/.test(response.headers.get("content-type") ?? "");
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : isJson ? JSON.parse(text) : text,
  };
}

/**
 * A request whose path is sent exactly as given, as a client that does not normalise URLs sends it
 * (fetch turns `/deliveries/..` into `/`); node:http, a fresh connection each time.
 */
export function httpRawPath(
  baseUrl: string,
  path: string,
  request: {
    method?: string;
    headers?: Record<string, string>;
    /** Sent exactly as listed, a name given twice included (then no Content-Type is added). */
    rawHeaders?: [string, string][];
    json?: unknown;
  } = {},
): Promise<HttpResponse> {
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  const headers =
    request.rawHeaders?.flat() ??
    ({ ...(body !== undefined && { "content-type": "application/json" }), ...request.headers } as Record<
      string,
      string
    >);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      { method: request.method ?? "GET", path, headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          const isJson = /[/+]json\b/.test(res.headers["content-type"] ?? "");
          resolve({
            status: res.statusCode ?? 0,
            headers: new Headers(
              Object.entries(res.headers).flatMap(([name, value]) =>
                value === undefined ? [] : [[name, String(value)]],
              ),
            ),
            body: text === "" ? undefined : isJson ? JSON.parse(text) : text,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
