/**
 * Where a delivery lives on each side of the migration. The gateway serves the new side's paths (it
 * speaks version 2), so its own Location headers and links use `newDeliveryPath` too.
 */
export const NEW_DELIVERIES_PATH = "/v2/deliveries";

export function newDeliveryPath(id: string): string {
  return `${NEW_DELIVERIES_PATH}/${encodeURIComponent(id)}`;
}

export function legacyDeliveryPath(id: string): string {
  return `/v1/deliveries/${encodeURIComponent(id)}`;
}
