import { type ErrorMap, problemSchema, problemTypeFor } from "@starter/service-kit/http";
import { z } from "zod";
import type { Operation } from "../operation.ts";
import { type OperationKind, targetHref } from "../operation-kind.ts";

const linkSchema = z.object({ href: z.string() });

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
