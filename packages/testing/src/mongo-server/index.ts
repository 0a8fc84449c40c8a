export { detectCapabilities, type ServerCapabilities } from "./capabilities.ts";
export { ferretDbBinary, startFerretDb } from "./ferretdb.ts";
export type { MongoServer, MongoServerKind } from "./mongo-server.ts";
export { startMongoServer } from "./start-mongo-server.ts";
export { dockerEngineAnswers, MONGO_IMAGE, startMongoContainer } from "./testcontainers.ts";
