import type * as v2 from "@starter/contracts/v2";
import { deliveryVersions } from "@starter/contracts/versions";

/** Version 2 bodies taken down to the legacy side's version 1, whatever majors come later. */
const v1AndV2 = deliveryVersions.upTo(2);

import { holdsIgnoring, type Participant } from "@starter/coordination";
import type { DeliverySides } from "./delivery-sides.client.ts";

/** The shared DTO of the migration: a version 2 delivery request, with its deadline in canonical form. */
export type SharedDelivery = v2.ParsedDeliveryInput & { readonly id: string };

/** The participant whose representation the gateway's clients see (version 2). */
export const NEW_SIDE = "new";

/**
 * The two sides of the migration. The legacy side gets the shared DTO mapped down to version 1 by the
 * contracts' change units; the new side gets it as it is. Read-only members are left out of comparisons.
 * The new side comes first: when both refuse a write, its refusal (in version 2's terms) is the one reported.
 */
export function deliveryParticipants(sides: DeliverySides): Participant<SharedDelivery>[] {
  return [
    {
      name: NEW_SIDE,
      send: sides.fresh.send,
      toRequest: (shared) => ({ ...shared }),
      holds: holdsIgnoring(["status", "version", "_links"]),
    },
    {
      name: "legacy",
      send: sides.legacy,
      toRequest: (shared) => v1AndV2.toOlder({ ...shared }, 1),
      holds: holdsIgnoring(["status"]),
    },
  ];
}
