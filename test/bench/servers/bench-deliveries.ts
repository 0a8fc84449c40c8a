import * as v2 from "@starter/contracts/v2";
import { type Collection, MongoClient, MongoServerError } from "mongodb";
import { memoryDatabase } from "./memory-collection.ts";

/**
 * The work every benchmarked server does for the delivery endpoints, written once for the limit and the
 * peer so that they differ only in their HTTP layer: the same zod schema, the same read -> conditional
 * write (insert, or replace where the version is still the one read), the same strong ETag and DTO.
 */

/** Stored as the template stores it: coordinates as lat/lng, the deadline as a date; the rest as the contract. */
type DeliveryDocument = Pick<v2.Delivery, "ownerId" | "expedited" | "packages" | "status" | "version"> & {
  _id: string;
  pickup: StoredPoint;
  dropoff: StoredPoint;
  deadline: Date;
};
type StoredPoint = { lat: number; lng: number };

export type Answer = { status: number; headers: Record<string, string>; body?: unknown };

export type BenchDeliveries = {
  put: (id: string, body: unknown, ifMatch: string | undefined) => Promise<Answer>;
  get: (id: string, ifNoneMatch: string | undefined) => Promise<Answer>;
  list: (query: Record<string, string>) => Promise<Answer>;
  ready: () => Promise<boolean>;
  close: () => Promise<void>;
};

const ID = /^[A-Za-z0-9._~-]{1,64}$/;

/**
 * Connects to the database that MONGODB_URI and MONGODB_DB name, as the template does; with
 * BENCH_STORE=memory the same calls go to the benchmark's in-memory store instead (`--store memory`).
 */
export async function connectBenchDeliveries(): Promise<BenchDeliveries> {
  if (process.env.BENCH_STORE === "memory") {
    return endpoints(memoryDatabase().collection<DeliveryDocument>("deliveries"), {
      ready: async () => true,
      close: async () => {},
    });
  }
  const client = await new MongoClient(requiredEnv("MONGODB_URI"), { serverSelectionTimeoutMS: 5_000 }).connect();
  const db = client.db(requiredEnv("MONGODB_DB"));
  const collection = db.collection<DeliveryDocument>("deliveries");
  await collection.createIndex({ ownerId: 1, _id: 1 }, { name: "ownerId_id" });
  return endpoints(collection, {
    ready: async () => (await db.command({ ping: 1 })).ok === 1,
    close: () => client.close(),
  });
}

function endpoints(
  collection: Collection<DeliveryDocument>,
  store: Pick<BenchDeliveries, "ready" | "close">,
): BenchDeliveries {
  return {
    put: (id, body, ifMatch) => put(collection, id, body, ifMatch),
    get: (id, ifNoneMatch) => get(collection, id, ifNoneMatch),
    list: (query) => list(collection, query),
    ...store,
  };
}

async function put(
  collection: Collection<DeliveryDocument>,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
): Promise<Answer> {
  if (!ID.test(id)) return problem(400, "invalid id");
  const parsed = v2.deliveryInputSchema.safeParse(body);
  if (!parsed.success) return problem(400, parsed.error.message);
  const current = await collection.findOne({ _id: id });
  if (ifMatch !== undefined && (!current || ifMatch !== etagOf(current.version))) return problem(412, "stale");
  if (!current) {
    const created = toDocument(id, parsed.data, 1);
    try {
      await collection.insertOne(created);
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) return problem(409, "created concurrently");
      throw error;
    }
    return represent(created, 201, { location: `/v2/deliveries/${id}` });
  }
  const next = toDocument(id, parsed.data, current.version + 1);
  if (sameDetails(current, next)) return represent(current, 200);
  const result = await collection.replaceOne({ _id: id, version: current.version }, next);
  if (result.matchedCount !== 1) return problem(ifMatch === undefined ? 409 : 412, "changed concurrently");
  return represent(next, 200);
}

async function get(collection: Collection<DeliveryDocument>, id: string, ifNoneMatch: string | undefined) {
  if (!ID.test(id)) return problem(400, "invalid id");
  const document = await collection.findOne({ _id: id });
  if (!document) return problem(404, "not found");
  if (ifNoneMatch === etagOf(document.version)) return { status: 304, headers: { etag: ifNoneMatch } };
  return represent(document, 200);
}

async function list(collection: Collection<DeliveryDocument>, query: Record<string, string>): Promise<Answer> {
  const parsed = v2.deliveryQuerySchema.safeParse(query);
  if (!parsed.success) return problem(400, parsed.error.message);
  const { ownerId, status, limit } = parsed.data;
  const filter = { ...(ownerId && { ownerId }), ...(status && { status }) };
  const documents = await collection
    .find(filter)
    .sort({ _id: 1 })
    .limit(limit + 1)
    .toArray();
  const items = documents.slice(0, limit).map(toDto);
  return { status: 200, headers: {}, body: { items, _links: { self: { href: "/v2/deliveries" } } } };
}

function toDocument(id: string, input: v2.ParsedDeliveryInput, version: number): DeliveryDocument {
  return {
    _id: id,
    ownerId: input.ownerId,
    pickup: { lat: input.pickup.latitude, lng: input.pickup.longitude },
    dropoff: { lat: input.dropoff.latitude, lng: input.dropoff.longitude },
    deadline: new Date(input.deadline),
    expedited: input.expedited,
    packages: input.packages.map((pkg) => ({ id: pkg.id, size: pkg.size, weightKg: pkg.weightKg })),
    status: "created",
    version,
  };
}

function sameDetails(a: DeliveryDocument, b: DeliveryDocument): boolean {
  const details = ({ _id, version, status, deadline, ...rest }: DeliveryDocument) =>
    JSON.stringify({ ...rest, deadline: deadline.getTime() });
  return details(a) === details(b);
}

/** The members the document keeps as the contract has them are copied; the id, places and deadline are translated. */
function toDto({ _id, pickup, dropoff, deadline, ...asInContract }: DeliveryDocument): v2.Delivery {
  const self = `/v2/deliveries/${_id}`;
  return {
    id: _id,
    ...asInContract,
    pickup: { latitude: pickup.lat, longitude: pickup.lng },
    dropoff: { latitude: dropoff.lat, longitude: dropoff.lng },
    deadline: deadline.toISOString(),
    _links: {
      self: { href: self },
      confirmation: { href: `${self}/confirmation` },
      dropoff: { href: `${self}/dropoff` },
    },
  };
}

function represent(document: DeliveryDocument, status: number, headers: Record<string, string> = {}): Answer {
  return { status, headers: { ...headers, etag: etagOf(document.version) }, body: toDto(document) };
}

function etagOf(version: number): string {
  return `"v2-delivery-${version}"`;
}

function problem(status: number, detail: string): Answer {
  return { status, headers: { "content-type": "application/problem+json" }, body: { status, detail } };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
