import { defineService } from "@starter/service-kit/service";
import { legacyDeliveriesModule } from "./deliveries/legacy-delivery.module.ts";

/**
 * The service being replaced: it speaks version 1 and nothing else (it is replaced, not evolved), documented at
 * /v1/openapi.json and /docs like every other service, so its clients and the fuzzer read the contract it
 * serves. Its contract nests nothing deeper than a list of ids, hence the lower JSON depth.
 */
export const deliveryLegacy = defineService({
  name: "delivery-legacy",
  config: { port: 3001, dbName: "delivery_legacy", jsonMaxDepth: 8 },
  // 1.1: its document describes the 503 and the response headers the kit sends (no changelog of its own).
  api: { title: "Delivery API (legacy)", versions: [{ major: 1, minor: 1, state: "current" }] },
  modules: (context) => [legacyDeliveriesModule(context)],
});
