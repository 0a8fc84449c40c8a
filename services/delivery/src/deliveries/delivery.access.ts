import { type Access, accessOf, type Principal } from "@starter/service-kit/auth";

/** The scopes of the delivery API's tokens; `admin` reaches every owner's deliveries and their operations. */
export const DELIVERY_SCOPES = {
  read: "deliveries:read",
  write: "deliveries:write",
  admin: "deliveries:admin",
} as const;

/** Whose deliveries the caller may see and change: its own, or every one with `deliveries:admin`. */
export function deliveryAccessOf(principal: Principal | undefined): Access {
  return accessOf(principal, DELIVERY_SCOPES.admin);
}
