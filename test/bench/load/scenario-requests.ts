import type { Request } from "autocannon";

/**
 * What each scenario sends. Every request that writes names ids of its own run, so rounds and variants
 * never see each other's records, and whatever a scenario needs to exist is created by `seed` first.
 */
export type ScenarioKind =
  | "put-create"
  | "put-replace"
  | "put-replay"
  | "get-by-id"
  | "get-list"
  | "dispatch-with-key"
  | "dispatch-without-key";

export type LoadTarget = Readonly<{ url: string; runId: string; connections: number; requestBudget: number }>;

export type ScenarioRequests = Readonly<{
  /** Creates what the requests need; bounded by the target's budget. */
  seed: () => Promise<void>;
  requests: Request[];
}>;

type Headers = Record<string, string>;
type ResponseHeaders = Record<string, string | string[]>;

/** What a request remembers until its answer: autocannon gives both callbacks the same context. */
type InFlight = { id: string };

const JSON_HEADERS: Headers = { "content-type": "application/json" };

function deliveryBody(ownerId: string, latitude = 3): string {
  return JSON.stringify({
    ownerId,
    pickup: { latitude: 1, longitude: 2 },
    dropoff: { latitude, longitude: 4 },
    deadline: "2026-12-01T10:00:00Z",
    packages: [{ id: "p-1", size: "small", weightKg: 1 }],
  });
}

export function scenarioRequests(kind: ScenarioKind, target: LoadTarget): ScenarioRequests {
  switch (kind) {
    case "put-create":
      return putCreate(target);
    case "put-replace":
      return putReplace(target);
    case "put-replay":
      return putReplay(target);
    case "get-by-id":
      return getById(target);
    case "get-list":
      return getList(target);
    case "dispatch-with-key":
      return dispatch(target, true);
    case "dispatch-without-key":
      return dispatch(target, false);
  }
}

function putCreate({ runId }: LoadTarget): ScenarioRequests {
  let next = 0;
  const body = deliveryBody(`${runId}-owner`);
  return {
    seed: async () => {},
    requests: [
      {
        method: "PUT",
        headers: JSON_HEADERS,
        setupRequest: (request) => ({ ...request, path: itemPath(`${runId}-${next++}`), body }),
      },
    ],
  };
}

/** Each request takes an id no other request has in flight and sends the ETag its last answer gave. */
function putReplace(target: LoadTarget): ScenarioRequests {
  const ids = seededIds(target, target.connections * 2);
  const etags = new Map<string, string>();
  const free = [...ids];
  let next = 0;
  return {
    seed: async () => {
      for (const id of ids) etags.set(id, await putSeed(target.url, id, deliveryBody(`${target.runId}-owner`)));
    },
    requests: [
      {
        method: "PUT",
        setupRequest: (request, context) => {
          const id = free.pop();
          if (id === undefined) throw new Error("no free id: more requests in flight than ids seeded");
          (context as InFlight).id = id;
          // A different dropoff each time, so every request is a real replacement.
          const body = deliveryBody(`${target.runId}-owner`, ((next++ % 8_000) + 1) / 100);
          return {
            ...request,
            path: itemPath(id),
            body,
            headers: { ...JSON_HEADERS, "if-match": etags.get(id) ?? "" },
          };
        },
        onResponse: (_status, _body, context, headers) => {
          const { id } = context as InFlight;
          const etag = headerValue(headers as ResponseHeaders, "etag");
          if (etag !== undefined) etags.set(id, etag);
          free.push(id);
        },
      },
    ],
  };
}

function putReplay(target: LoadTarget): ScenarioRequests {
  const ids = seededIds(target, target.connections);
  const body = deliveryBody(`${target.runId}-owner`);
  let next = 0;
  return {
    seed: async () => {
      for (const id of ids) await putSeed(target.url, id, body);
    },
    requests: [
      {
        method: "PUT",
        headers: JSON_HEADERS,
        setupRequest: (request) => ({ ...request, path: itemPath(ids[next++ % ids.length] ?? ""), body }),
      },
    ],
  };
}

function getById(target: LoadTarget): ScenarioRequests {
  const ids = seededIds(target, 50);
  let next = 0;
  return {
    seed: async () => {
      for (const id of ids) await putSeed(target.url, id, deliveryBody(`${target.runId}-owner`));
    },
    requests: [
      { method: "GET", setupRequest: (request) => ({ ...request, path: itemPath(ids[next++ % ids.length] ?? "") }) },
    ],
  };
}

/** A page of 20 out of one owner's 30 deliveries. */
function getList(target: LoadTarget): ScenarioRequests {
  const ids = seededIds(target, 30);
  const owner = `${target.runId}-owner`;
  return {
    seed: async () => {
      for (const id of ids) await putSeed(target.url, id, deliveryBody(owner));
    },
    requests: [{ method: "GET", path: `/v2/deliveries?ownerId=${owner}&limit=20` }],
  };
}

/** A dispatch starts once per delivery, so every request dispatches a delivery of its own, seeded first. */
function dispatch(target: LoadTarget, withKey: boolean): ScenarioRequests {
  const ids = seededIds(target, target.requestBudget);
  let next = 0;
  return {
    seed: async () => {
      await inParallel(ids, 8, (id) => putSeed(target.url, id, deliveryBody(`${target.runId}-owner`)));
    },
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const id = ids[next++];
          if (id === undefined) throw new Error("more dispatches than deliveries seeded");
          const headers: Headers = { prefer: "respond-async" };
          if (withKey) headers["idempotency-key"] = `${id}-key`;
          return { ...request, path: `${itemPath(id)}/dispatch`, headers };
        },
      },
    ],
  };
}

/** autocannon hands over response headers with the case the server sent. */
function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === "string" ? value : undefined;
}

function seededIds({ runId }: LoadTarget, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${runId}-s${i}`);
}

function itemPath(id: string): string {
  return `/v2/deliveries/${id}`;
}

const SEED_ATTEMPTS = 3;

/**
 * A PUT is idempotent, so a seed answered 503 or 504 (the gateway's deadline on a database slowed down by
 * the rows before) is sent again after its Retry-After, as a client would; anything else fails the seed.
 */
async function putSeed(url: string, id: string, body: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${url}${itemPath(id)}`, { method: "PUT", headers: JSON_HEADERS, body });
    if (response.ok) return response.headers.get("etag") ?? "";
    const text = await response.text();
    if (attempt === SEED_ATTEMPTS || (response.status !== 503 && response.status !== 504)) {
      throw new Error(`seeding ${id} failed: ${response.status} ${text}`);
    }
    const retryAfterSeconds = Math.min(Number(response.headers.get("retry-after")) || 1, 10);
    await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1_000));
  }
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
}
