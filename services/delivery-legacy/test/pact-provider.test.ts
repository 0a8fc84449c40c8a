import { join } from "node:path";
import { Verifier } from "@pact-foundation/pact";
import { http } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useLegacyApp } from "./legacy-app.ts";

const app = useLegacyApp();

/** The gateway's expectations of this service, recorded by its consumer tests (services/gateway/pacts). */
const PACT = join(import.meta.dirname, "../../gateway/pacts/gateway-delivery-legacy.json");

describe("delivery-legacy as a provider for the gateway (consumer-driven contract)", () => {
  it("When the gateway's pact is replayed against the real service and database, then every interaction holds", async () => {
    const url = (id: string) => `${app.url}/v1/deliveries/${id}`;
    const verification = new Verifier({
      provider: "delivery-legacy",
      providerBaseUrl: app.url,
      pactUrls: [PACT],
      logLevel: "warn",
      stateHandlers: {
        "delivery d-pact-1 does not exist": async () => {
          await http(url("d-pact-1"), { method: "DELETE" });
        },
        "delivery d-pact-2 exists": async () => {
          await http(url("d-pact-2"), {
            method: "PUT",
            json: {
              owner: "u-1",
              pickupLocation: "1,2",
              dropoffLocation: "3,4",
              deadline: "2026-12-01T10:00:00Z",
              expedited: "no",
              packageIds: ["p-1"],
            },
          });
        },
      },
    }).verifyProvider();

    await expect(verification).resolves.toBeDefined();
  }, 60_000);
});
