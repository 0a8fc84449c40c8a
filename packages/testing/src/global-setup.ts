import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { dropDatabase } from "./drop-database.ts";
import {
  detectCapabilities,
  type MongoServer,
  type ServerCapabilities,
  startMongoServer,
} from "./mongo-server/index.ts";
import "./provided-context.ts";

type RunServer = { server: MongoServer; capabilities: ServerCapabilities; dbName: string };
type Shared = { started: Promise<RunServer>; users: number };

/**
 * One database server for the whole test run. Each vitest project runs this setup, and every
 * project of one run shares the process, so the first starts the server and the last one stops it.
 */
const SHARED = Symbol.for("@starter/testing/run-server");
const registry = globalThis as { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  registry[SHARED] ??= { started: startRunServer(), users: 0 };
  const shared = registry[SHARED];
  shared.users += 1;
  const { server, capabilities, dbName } = await shared.started;
  project.provide("mongoUri", server.uri);
  project.provide("mongoDbName", dbName);
  project.provide("mongoServer", { ...capabilities, kind: server.kind, description: server.description });
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    if (server.kind === "external") await dropDatabase(server.uri, dbName);
    await server.stop();
  };
}

async function startRunServer(): Promise<RunServer> {
  const server = await startMongoServer();
  const capabilities = await detectCapabilities(server.uri);
  const dbName = `test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  process.stdout.write(`[testing] database: ${capabilities.name} via ${server.description}; database ${dbName}\n`);
  return { server, capabilities, dbName };
}
