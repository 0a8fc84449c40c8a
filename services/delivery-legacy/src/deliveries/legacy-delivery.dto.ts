import type * as v1 from "@starter/contracts/v1";
import type { LegacyDelivery, LegacyDeliveryDetails } from "./legacy-delivery.ts";

export function deliveryPath(id: string): string {
  return `/v1/deliveries/${encodeURIComponent(id)}`;
}

export function toDetails(input: v1.ParsedDeliveryInput): LegacyDeliveryDetails {
  return { ...input, deadline: new Date(input.deadline), packageIds: [...input.packageIds] };
}

export function toDto(delivery: LegacyDelivery): v1.Delivery {
  return {
    id: delivery.id,
    owner: delivery.owner,
    pickupLocation: delivery.pickupLocation,
    dropoffLocation: delivery.dropoffLocation,
    deadline: delivery.deadline.toISOString(),
    expedited: delivery.expedited,
    packageIds: [...delivery.packageIds],
    status: delivery.status,
  };
}
