import type { Db } from "mongodb";

/** Where every instance finds the major each client first used: one document per client. */
export const API_CLIENTS_COLLECTION = "api_clients";

type ClientDocument = { _id: string; firstMajor: number; firstSeen: Date };

export type ClientPins = Readonly<{
  /**
   * The major an unversioned request of `client` is answered in: the one it first used, stored now as
   * `current` when it has used none. Asks the database once per client and instance.
   */
  pinnedMajor: (client: string, current: number) => Promise<number>;
  /**
   * Notes a versioned call: the client's first one pins it, stored before it is answered, so its next
   * request finds the pin on any instance. Once per client and instance.
   */
  noteUse: (client: string, major: number) => Promise<unknown>;
}>;

/** Clients whose pin an instance keeps in memory; past that, the oldest are asked again when they return. */
const MAX_CACHED = 10_000;

/**
 * Unversioned clients are pinned: a client that never names a major gets the one it first used, so
 * promoting a new major never moves it silently. The pin is written once, atomically (`$setOnInsert` on the
 * client's document), so two instances that see a new client at once agree on the first major stored.
 */
export function clientPins(db: Db, options: Readonly<{ clock: () => Date }>): ClientPins {
  const clients = db.collection<ClientDocument>(API_CLIENTS_COLLECTION);
  // Promises, so a request that comes while the client's first call is still being stored waits for it.
  const known = new Map<string, Promise<number>>();
  const pin = (client: string, major: number) => {
    if (known.size >= MAX_CACHED) known.delete(known.keys().next().value as string);
    const stored = clients
      .findOneAndUpdate(
        { _id: client },
        { $setOnInsert: { firstMajor: major, firstSeen: options.clock() } },
        { upsert: true, returnDocument: "after" },
      )
      .then((document) => document?.firstMajor ?? major);
    // A failed write is asked again next time, not remembered.
    stored.catch(() => known.delete(client));
    known.set(client, stored);
    return stored;
  };
  return {
    pinnedMajor: (client, current) => known.get(client) ?? pin(client, current),
    noteUse: (client, major) => known.get(client) ?? pin(client, major),
  };
}
