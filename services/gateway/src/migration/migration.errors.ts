import { AppError } from "@starter/service-kit/errors";

/** Neither side has the delivery (the side the read split picked says so). */
export class DeliveryNotFoundError extends AppError<"delivery.not_found"> {
  constructor(id: string) {
    super("delivery.not_found", `delivery ${id} does not exist`);
  }
}

/** The participants disagree after a coordination that could not be reverted; the drift is recorded. */
export class MigrationDriftError extends AppError<"coordination.drift"> {
  constructor(coordinationId: string) {
    super(
      "coordination.drift",
      `the services disagree after coordination ${coordinationId}; it is recorded as drift for repair`,
    );
  }
}

/** A side failed in a way that says nothing about the request (a 5xx, an answer outside its contract): we put back the other. */
export class ParticipantUnavailableError extends AppError<"coordination.participant_failed"> {
  constructor(participant: string, coordinationId: string) {
    super(
      "coordination.participant_failed",
      `${participant} failed during coordination ${coordinationId}; nothing was changed`,
    );
  }
}

/** The side a read went to did not answer in its contract (no answer, a 5xx, or a body its schema refuses). */
export class SideUnavailableError extends AppError<"migration.side_unavailable"> {
  constructor(side: string) {
    super("migration.side_unavailable", `the ${side} service did not answer the read; retry later`);
  }
}

/**
 * No answer in time: a side too slow for the request's deadline. For a write, nothing was changed when the
 * side was too slow before the writes, and otherwise the coordination finishes in the background (the
 * request is idempotent: retrying it is safe).
 */
export class GatewayTimeoutError extends AppError<"gateway.timeout"> {
  constructor(what: string) {
    super("gateway.timeout", `${what}; retry later`);
  }
}

/** A side could not be reached at all (refused, reset): nothing was changed. */
export class ServiceUnreachableError extends AppError<"gateway.service_unreachable"> {
  constructor(side: string) {
    super("gateway.service_unreachable", `the ${side} service could not be reached; nothing was changed, retry later`);
  }
}
