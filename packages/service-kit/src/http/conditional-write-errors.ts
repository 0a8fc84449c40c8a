/** What a conditional write can answer besides its own errors: its condition failed (412), or it kept losing races (409). */
export const conditionalWriteErrors = ["request.precondition_failed", "resource.concurrent_modification"] as const;
