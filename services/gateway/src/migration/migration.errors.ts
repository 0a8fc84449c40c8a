import { AppError } from "@starter/service-kit/errors";

/** The participants disagree after a coordination that could not be reverted; the drift is recorded. */
export class MigrationDriftError extends AppError<"coordination.drift"> {
  constructor(coordinationId: string) {
    super(
      "coordination.drift",
      `the services disagree after coordination ${coordinationId}; it is recorded as drift for repair`,
    );
  }
}

/** A side failed in a way that says nothing about the request (no answer, or a 5xx): we put back the other. */
export class ParticipantUnavailableError extends AppError<"coordination.participant_failed"> {
  constructor(participant: string, coordinationId: string) {
    super(
      "coordination.participant_failed",
      `${participant} failed during coordination ${coordinationId}; nothing was changed`,
    );
  }
}
