import { MongoDBContainer } from "@testcontainers/mongodb";
import { getContainerRuntimeClient } from "testcontainers";
import type { MongoServer } from "./mongo-server.ts";

/** The official image, pinned to a current major so every run tests the same server. */
export const MONGO_IMAGE = "mongo:8.0";

export async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startMongoContainer(): Promise<MongoServer> {
  const container = await new MongoDBContainer(MONGO_IMAGE).start();
  // The container runs a one-member replica set announced under its internal host name.
  const uri = `${container.getConnectionString()}/?directConnection=true`;
  return {
    uri,
    kind: "testcontainers",
    description: `${MONGO_IMAGE} in Docker (testcontainers) at ${uri}`,
    stop: async () => {
      await container.stop();
    },
  };
}
