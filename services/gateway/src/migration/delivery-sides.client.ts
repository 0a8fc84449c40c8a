import type { Answer, ParticipantSend } from "@starter/coordination";
import type { V1Paths, V2Paths } from "@starter/delivery-client";
import { Pool } from "undici";

/**
 * The two services as the gateway reaches them, each through a keep-alive connection pool of its own
 * (undici's `request`): every coordinated write makes four calls, and through `fetch` and the generated
 * client each cost about 540 us of CPU here against about 210 us this way. The paths are checked against
 * the clients generated from delivery's committed documents (`satisfies keyof V2Paths`), so a contract
 * change that removes one breaks the gateway's build. The coordinator keeps its own conditional logic;
 * its If-Match / If-None-Match, trace and credentials headers go through as they are.
 *
 * A PUT's body is what a participant's `toRequest` made of the shared DTO, or a representation that side
 * answered earlier (a revert puts it back): both are that side's input (it ignores read-only members).
 */
export type NewSide = Readonly<{
  send: ParticipantSend;
  /** One page of the new side's collection, from `cursor` (the last id of the page before), as `authorization` may see it. */
  listPage: (query: { limit: number; cursor?: string }, authorization: string, signal: AbortSignal) => Promise<Answer>;
}>;

const NEW_ITEM = "/v2/deliveries/{id}" satisfies keyof V2Paths;
const NEW_COLLECTION = "/v2/deliveries" satisfies keyof V2Paths;
const LEGACY_ITEM = "/v1/deliveries/{id}" satisfies keyof V1Paths;

/** Connections kept open to each side: the gateway's concurrent calls to one side, beyond which they queue. */
const CONNECTIONS_PER_SIDE = 64;

/** Where the two services are. */
export type SideUrls = Readonly<{ legacyUrl: string; newUrl: string }>;

/**
 * Both sides, each with its own connection pool: built once, and shared by the coordinator's participants,
 * the reads and the periodic comparison.
 */
export type DeliverySides = Readonly<{ fresh: NewSide; legacy: ParticipantSend }>;

export function deliverySides(urls: SideUrls): DeliverySides {
  return { fresh: newSide(urls.newUrl), legacy: legacySide(urls.legacyUrl).send };
}

export function newSide(baseUrl: string): NewSide {
  const call = sideCall(baseUrl);
  return {
    send: ({ method, id, headers, body }, signal) => call(itemPath(NEW_ITEM, id), { method, headers, body }, signal),
    listPage: (query, authorization, signal) => {
      const search = new URLSearchParams({ limit: String(query.limit), ...(query.cursor && { cursor: query.cursor }) });
      const headers = authorization ? { authorization } : {};
      return call(`${NEW_COLLECTION}?${search}`, { method: "GET", headers }, signal);
    },
  };
}

export function legacySide(baseUrl: string): Readonly<{ send: ParticipantSend }> {
  const call = sideCall(baseUrl);
  return {
    send: ({ method, id, headers, body }, signal) => call(itemPath(LEGACY_ITEM, id), { method, headers, body }, signal),
  };
}

function itemPath(template: string, id: string): string {
  return template.replace("{id}", encodeURIComponent(id));
}

type SideRequest = Readonly<{
  method: "GET" | "PUT" | "DELETE";
  headers: Readonly<Record<string, string>>;
  body?: unknown;
}>;

/** One request to a side, its answer read whole: JSON parsed (a problem too), other text as it is. */
function sideCall(baseUrl: string) {
  const pool = new Pool(baseUrl, { connections: CONNECTIONS_PER_SIDE });
  return async (path: string, request: SideRequest, signal: AbortSignal): Promise<Answer> => {
    const json = request.body !== undefined;
    const response = await pool.request({
      path,
      method: request.method,
      headers: json ? { ...request.headers, "content-type": "application/json" } : request.headers,
      ...(json && { body: JSON.stringify(request.body) }),
      signal,
    });
    const text = await response.body.text();
    const headers = response.headers;
    const header = (name: string) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    };
    return { status: response.statusCode, headers: { get: header }, body: parsed(text, header("content-type")) };
  };
}

/** A body that says it is JSON but is not stays text: the answer is known, its body then fails its contract. */
function parsed(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  if (!/[/+]json\b/.test(contentType ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
