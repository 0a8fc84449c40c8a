import { join } from "node:path";
import * as v1 from "@starter/contracts/v1";
import { http } from "@starter/testing";
import { verifyProviderPact } from "@starter/testing/pact";
import { describe, it } from "vitest";
import { useLegacyApp } from "./legacy-app.ts";

const app = useLegacyApp();
const url = (id: string) => `${app.url}/v1/deliveries/${id}`;

/** The gateway's expectations of this service, recorded by its consumer tests (services/gateway/pacts). */
const PACT = join(import.meta.dirname, "../../gateway/pacts/gateway-delivery-legacy.json");

describe("delivery-legacy as a provider for the gateway (consumer-driven contract)", () => {
  it("When the gateway's pact is replayed against the real service and database, then every interaction holds", async () => {
    await verifyProviderPact(PACT, app.url, {
      "delivery d-pact-1 does not exist": () => http(url("d-pact-1"), { method: "DELETE" }),
      "delivery d-pact-2 exists": () => http(url("d-pact-2"), { method: "PUT", json: v1.deliveryInputExample }),
    });
  }, 60_000);
});
