import { Coordinator, repairDrift } from "@starter/coordination";
import { MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo } from "@starter/service-kit/mongo";
import { deliveryParticipants } from "./migration/delivery-participants.ts";
import { deliverySides } from "./migration/delivery-sides.client.ts";
import { readFromNewSide } from "./migration/new-side-source.ts";
import { gateway } from "./service.ts";
import { serviceAuthorizationOf } from "./service-token.ts";

/**
 * The reconciliation command, a second entry point with the gateway's configuration:
 *   reconcile list                 open drifts, one JSON line each
 *   reconcile repair <id>          re-run that coordination from the new service's state
 */
const [command, coordinationId] = process.argv.slice(2);
const config = gateway.readConfig(process.env);
// stdout carries the command's answer, so a script can parse it; what goes wrong is told on stderr.
const log = createLogger({ name: "reconcile", level: "warn", format: "json", destination: process.stderr });
const mongo = await connectMongo({
  uri: config.MONGODB_URI,
  dbName: config.MONGODB_DB,
  serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
  appName: "reconcile",
});
try {
  const driftStore = new MongoDriftStore(mongo.db);
  const drifts = await driftStore.listOpen();
  if (command === "list") {
    for (const drift of drifts) process.stdout.write(`${JSON.stringify(drift)}\n`);
  } else if (command === "repair" && coordinationId) {
    const drift = drifts.find((d) => d.coordinationId === coordinationId);
    if (!drift) throw new Error(`no open drift ${coordinationId}`);
    const urls = { legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL };
    const participants = deliveryParticipants(deliverySides(urls));
    const serviceAuthorization = serviceAuthorizationOf(config);
    const coordinator = new Coordinator({
      participants,
      driftStore,
      journal: new MongoCoordinationJournal(mongo.db),
      log,
      ...(serviceAuthorization && { serviceAuthorization }),
    });
    const outcome = await repairDrift(drift, {
      coordinator,
      driftStore,
      readSource: (id) => readFromNewSide(urls.newUrl, id, serviceAuthorization),
    });
    await coordinator.settle();
    process.stdout.write(`${JSON.stringify({ coordinationId, repair: outcome })}\n`);
    if (outcome.kind !== "committed") process.exitCode = 1;
  } else {
    process.stderr.write("usage: reconcile list | reconcile repair <coordinationId>\n");
    process.exitCode = 2;
  }
} finally {
  await mongo.stop();
}
