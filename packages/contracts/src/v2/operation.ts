import { problemSchema } from "@starter/service-kit/http";
import { z } from "zod";
import { linkSchema } from "./delivery.ts";

/**
 * The status resource of a long operation (the Asynchronous Request-Reply pattern): answered with
 * `202 Accepted` when the operation starts, polled at `/v2/operations/{id}` until it is finished.
 */
export const operationStatusSchema = z.enum(["pending", "running", "succeeded", "failed", "canceled"]);

export const operationSchema = z.object({
  id: z.string(),
  kind: z.enum(["dispatch"]),
  status: operationStatusSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** True while a cancel was asked for but the running step has not reached a point where it can stop. */
  cancelRequested: z.boolean(),
  /** Why a failed operation failed, as a problem (RFC 9457). */
  error: problemSchema.optional(),
  _links: z.object({ self: linkSchema, resource: linkSchema }),
});

export type OperationStatus = z.infer<typeof operationStatusSchema>;
export type Operation = z.infer<typeof operationSchema>;
