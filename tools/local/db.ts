import { startMongoServer } from "@starter/testing/mongo-server";

/**
 * Starts just the local database (MONGODB_URI if set, else Docker's mongo, else FerretDB), prints its
 * URI on stdout, and stops it on Ctrl-C.
 */
const server = await startMongoServer();
process.stderr.write(`database: ${server.description}\nCtrl-C stops it.\n`);
process.stdout.write(`MONGODB_URI=${server.uri}\n`);

const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
