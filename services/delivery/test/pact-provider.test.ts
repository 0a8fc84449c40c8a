import { join } from "node:path";
import { http } from "@starter/testing";
import { verifyProviderPact } from "@starter/testing/pact";
import { describe, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

/** The gateway's expectations of this service, recorded by its consumer tests (services/gateway/pacts). */
const PACT = join(import.meta.dirname, "../../gateway/pacts/gateway-delivery.json");

describe("delivery as a provider for the gateway (consumer-driven contract)", () => {
  it("When the gateway's pact is replayed against the real service and database, then every interaction holds", async () => {
    await verifyProviderPact(PACT, app.url, {
      "delivery d-pact-1 does not exist": () => http(deliveryUrl(app.url, "d-pact-1"), { method: "DELETE" }),
      "delivery d-pact-2 exists": () =>
        http(deliveryUrl(app.url, "d-pact-2"), { method: "PUT", json: deliveryInput() }),
    });
  }, 60_000);
});
