import { z } from "zod";

/** The ids every resource of the kit uses, in URLs and bodies (`ResourceId` in the documents). */
export { RESOURCE_ID_PATTERN, resourceIdSchema } from "@starter/service-kit/wire";

export const deliveryStatusSchema = z.enum(["created", "dispatched", "delivered"]).meta({ id: "DeliveryStatus" });

/**
 * The bounds of a delivery's values, stated here once: the documents show them and both services' domains
 * check them (a 422 outside), so whichever service or version a request reaches, it is refused alike.
 *
 * Instants (a deadline, a confirmation): the years 2000 to 2099, UTC. Every delivery falls in them; a date
 * outside is a typo or a placeholder (`0000-01-01`), and a fixed window, unlike one relative to now, never
 * turns a stored delivery's replayed PUT into a refusal as time passes.
 */
export const INSTANT_WINDOW = { from: "2000-01-01T00:00:00Z", until: "2100-01-01T00:00:00Z" } as const;

/** A package's weight: more than nothing, at most a tonne (a number the document states, not 1e308). */
export const PACKAGE_WEIGHT_KG = { exclusiveMinimum: 0, maximum: 1_000 } as const;

export const instantSchema = z.iso.datetime({ offset: true }).meta({
  id: "Instant",
  description: `An RFC 3339 instant with its offset, from ${INSTANT_WINDOW.from} up to, not including, ${INSTANT_WINDOW.until}; a 422 outside.`,
});

/** Whether an instant lies in INSTANT_WINDOW (an invalid date does not). */
export function isWithinInstantWindow(instant: Date): boolean {
  const time = instant.getTime();
  return time >= Date.parse(INSTANT_WINDOW.from) && time < Date.parse(INSTANT_WINDOW.until);
}
