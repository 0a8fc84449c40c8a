/**
 * The problems of the Delivery API (RFC 9457 `type` `urn:problem-type:<code>`): each code's status and
 * title, part of the contract, so every service that answers one (the new service, the legacy one, the
 * gateway) answers it the same way. Services spread this into their error maps.
 */
export const deliveryProblems = {
  "delivery.not_found": { status: 404, title: "Delivery not found" },
  "delivery.confirmation_not_found": { status: 404, title: "Confirmation not found" },
  "delivery.rule_violated": { status: 422, title: "Delivery rule violated" },
  "delivery.completed": { status: 409, title: "Delivery already completed" },
  "delivery.not_dispatchable": { status: 409, title: "Delivery cannot be dispatched" },
  "delivery.owner_forbidden": { status: 403, title: "Delivery owner not allowed" },
} as const;
