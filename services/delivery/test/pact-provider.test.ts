import { join } from "node:path";
import { Verifier } from "@pact-foundation/pact";
import { http } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

/** The gateway's expectations of this service, recorded by its consumer tests (services/gateway/pacts). */
const PACT = join(import.meta.dirname, "../../gateway/pacts/gateway-delivery.json");

describe("delivery as a provider for the gateway (consumer-driven contract)", () => {
  it("When the gateway's pact is replayed against the real service and database, then every interaction holds", async () => {
    const url = (id: string) => `${app.url}/v2/deliveries/${id}`;
    const verification = new Verifier({
      provider: "delivery",
      providerBaseUrl: app.url,
      pactUrls: [PACT],
      logLevel: "warn",
      stateHandlers: {
        "delivery d-pact-1 does not exist": async () => {
          await http(url("d-pact-1"), { method: "DELETE" });
        },
        "delivery d-pact-2 exists": async () => {
          await http(url("d-pact-2"), { method: "PUT", json: deliveryInput() });
        },
      },
    }).verifyProvider();

    await expect(verification).resolves.toBeDefined();
  }, 60_000);
});
