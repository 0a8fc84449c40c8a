import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { z } from "zod";
import type { DocumentedOperation, DocumentedResponse } from "./documented-operation.ts";

const problem = (description: string): DocumentedResponse => ({ description });
const badRequest = problem("The request does not match the contract's shape (problem+json with pointers).");
const notFound = problem("No such delivery.");
const preconditionFailed = problem("If-Match or If-None-Match does not hold for the current state.");
const ruleViolated = problem("Well-formed, but breaks a rule of the domain (problem+json with pointers).");
const documentRoute = (major: number): DocumentedOperation => ({
  method: "get",
  path: `/v${major}/openapi.json`,
  summary: `This document: the OpenAPI 3.1 description of version ${major}`,
  responses: { "200": { description: "The OpenAPI document.", schema: z.record(z.string(), z.unknown()) } },
});

function itemOperations(major: 1 | 2): DocumentedOperation[] {
  const path = `/v${major}/deliveries/{id}`;
  const wire = major === 1 ? v1 : v2;
  const stored = { description: "The stored delivery.", schema: wire.deliverySchema, headers: ["ETag"] } as const;
  return [
    {
      method: "get",
      path,
      summary: "Read a delivery",
      responses: { "200": stored, "304": { description: "Not modified." }, "404": notFound },
    },
    {
      method: "put",
      path,
      summary: "Create or replace a delivery (idempotent)",
      body: { schema: wire.deliveryInputSchema, example: wire.deliveryInputExample },
      responses: {
        "200": {
          ...stored,
          description: "Replaced, or unchanged when the same representation is sent again.",
          headers: ["ETag", "Content-Location"],
        },
        "201": { ...stored, description: "Created.", headers: ["ETag", "Location", "Content-Location"] },
        "400": badRequest,
        "409": problem("The delivery is delivered and can no longer change."),
        "412": preconditionFailed,
        "422": ruleViolated,
      },
    },
    {
      method: "delete",
      path,
      summary: "Delete a delivery (idempotent)",
      responses: { "204": { description: "Gone." }, "412": preconditionFailed },
    },
  ];
}

function partOperations(
  part: "dropoff" | "confirmation",
  schema: z.ZodType,
  example: unknown,
  out: z.ZodType,
): DocumentedOperation[] {
  const path = `/v2/deliveries/{id}/${part}`;
  const stored = { description: `The delivery's ${part}.`, schema: out, headers: ["ETag"] } as const;
  return [
    {
      method: "get",
      path,
      summary: `Read the ${part}`,
      responses: { "200": stored, "304": { description: "Not modified." }, "404": notFound },
    },
    {
      method: "put",
      path,
      summary: `Replace the ${part}`,
      body: { schema, example },
      responses: {
        "200": stored,
        "201": { ...stored, description: "Created." },
        "400": badRequest,
        "404": notFound,
        "412": preconditionFailed,
        "422": ruleViolated,
      },
    },
  ];
}

export const v1Operations: readonly DocumentedOperation[] = [...itemOperations(1), documentRoute(1)];

export const v2Operations: readonly DocumentedOperation[] = [
  {
    method: "get",
    path: "/v2/deliveries",
    summary: "List deliveries, filtered, in pages",
    query: v2.deliveryQuerySchema,
    responses: {
      "200": { description: "One page and a link to the next.", schema: v2.deliveryPageSchema },
      "400": badRequest,
    },
  },
  ...itemOperations(2),
  ...partOperations("dropoff", v2.coordinatesSchema, v2.dropoffExample, v2.coordinatesSchema),
  ...partOperations("confirmation", v2.confirmationInputSchema, v2.confirmationInputExample, v2.confirmationSchema),
  ...operationStatusOperations(),
  documentRoute(2),
];

/** The 202 flow: start a dispatch, read and cancel its status resource. */
function operationStatusOperations(): DocumentedOperation[] {
  const status = { description: "The operation's status.", schema: v2.operationSchema } as const;
  return [
    {
      method: "post",
      path: "/v2/deliveries/{id}/dispatch",
      summary: "Dispatch a delivery (long operation; requires Idempotency-Key; honours Prefer: respond-async, wait=N)",
      headers: z.object({
        "Idempotency-Key": z
          .string()
          .min(1)
          .max(255)
          .meta({ description: "Opaque key; a retry with the same key replays the first answer." }),
        Prefer: z.string().optional().meta({ description: "RFC 7240: respond-async, wait=<seconds>" }),
      }),
      responses: {
        "200": { ...status, description: "Finished within the client's Prefer: wait." },
        "202": {
          ...status,
          description: "Accepted: poll Location (the status resource) after Retry-After.",
          headers: ["Location"],
        },
        "400": problem("A missing or malformed Idempotency-Key, or a bad id."),
        "404": notFound,
        "409": problem("Not dispatchable, a dispatch in progress, or the same Idempotency-Key still in flight."),
        "422": problem("The Idempotency-Key was used for a different request."),
      },
    },
    {
      method: "get",
      path: "/v2/operations/{operationId}",
      summary: "Read an operation's status",
      responses: {
        "200": {
          ...status,
          description: "Pending, running (with Retry-After), failed (with its problem) or canceled.",
        },
        "303": { description: "Succeeded: Location is the resource it changed.", headers: ["Location"] },
        "404": problem("No such operation (or it expired, at least 24 hours after it finished)."),
      },
    },
    {
      method: "delete",
      path: "/v2/operations/{operationId}",
      summary: "Cancel an operation",
      responses: {
        "200": { ...status, description: "Canceled (it had not started)." },
        "202": {
          ...status,
          description: "Cancel requested: the running step stops before its effect, if it still can.",
        },
        "404": problem("No such operation."),
        "409": problem("The operation already finished."),
      },
    },
  ];
}
