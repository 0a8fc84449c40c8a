import { startFerretDb } from "./ferretdb.ts";
import type { MongoServer } from "./mongo-server.ts";
import { dockerEngineAnswers, startMongoContainer } from "./testcontainers.ts";

/**
 * One MongoDB-compatible server, chosen in this order: the one `MONGODB_URI` names; else the official
 * `mongo` image through testcontainers when a Docker engine answers; else a local FerretDB.
 */
export async function startMongoServer(env: NodeJS.ProcessEnv = process.env): Promise<MongoServer> {
  const given = env.MONGODB_URI;
  if (given) {
    return { uri: given, kind: "external", description: `MONGODB_URI (${redact(given)})`, stop: async () => {} };
  }
  if (await dockerEngineAnswers()) return startMongoContainer();
  return startFerretDb();
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}
