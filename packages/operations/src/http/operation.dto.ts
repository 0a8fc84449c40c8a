import { type ErrorMap, linkSchema, problemSchema, problemTypeFor } from "@starter/service-kit/http";
import { z } from "zod";
import type { Operation } from "../operation.ts";
import { type OperationKind, targetHref } from "../operation-kind.ts";

/**
 * The status resource of a long operation (the Asynchronous Request-Reply pattern): answered with
 * `202 Accepted` when the operation starts, polled at its own URL until it is finished.
 */
export function operationSchema(kinds: readonly OperationKind[]) {
  const [first = "", ...rest] = kinds.map((kind) => kind.name);
  return z.object({
    id: z.string(),
    kind: z.enum([first, ...rest]),
    status: z.enum(["pending", "running", "succeeded", "failed", "canceled"]),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** True while a cancel was asked for but the running step has not reached a point where it can stop. */
    cancelRequested: z.boolean(),
    /** Why a failed operation failed, as a problem (RFC 9457). */
    error: problemSchema.optional(),
    _links: z.object({ self: linkSchema, resource: linkSchema }),
  });
}

export type OperationDto = z.infer<ReturnType<typeof operationSchema>>;

export type DtoContext = Readonly<{
  kinds: readonly OperationKind[];
  statusHref: (id: string) => string;
  errorMap: ErrorMap;
}>;

export function toOperationDto(operation: Operation, context: DtoContext): OperationDto {
  const kind = context.kinds.find((k) => k.name === operation.kind);
  const dto: OperationDto = {
    id: operation.id,
    kind: operation.kind,
    status: operation.status,
    createdAt: operation.createdAt.toISOString(),
    updatedAt: operation.updatedAt.toISOString(),
    cancelRequested: operation.cancelRequested,
    _links: {
      self: { href: context.statusHref(operation.id) },
      resource: { href: kind ? targetHref(kind, operation.targetId) : "" },
    },
  };
  if (operation.failure) {
    const spec = context.errorMap[operation.failure.code] ?? { status: 500, title: "Operation failed" };
    dto.error = {
      type: problemTypeFor(operation.failure.code),
      title: spec.title,
      status: spec.status,
      detail: operation.failure.message,
    };
  }
  return dto;
}

/** A running operation of a service's first kind on a target, as the document shows it. */
export function operationExample(context: Pick<DtoContext, "kinds" | "statusHref">): OperationDto {
  const [kind] = context.kinds;
  const id = "0f5c2a9e-3b1d-4c7a-9e2f-6a8b1c3d5e7f";
  return {
    id,
    kind: kind?.name ?? "",
    status: "running",
    createdAt: "2026-12-01T09:00:00.000Z",
    updatedAt: "2026-12-01T09:00:01.000Z",
    cancelRequested: false,
    _links: {
      self: { href: context.statusHref(id) },
      resource: { href: kind ? targetHref(kind, "example-id") : "" },
    },
  };
}
