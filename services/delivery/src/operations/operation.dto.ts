import type * as v2 from "@starter/contracts/v2";
import { problemTypeFor } from "@starter/service-kit/http";
import { deliveryPath } from "../deliveries/delivery.dto.ts";
import { errorMap } from "../http/error-map.ts";
import type { Operation } from "./operation.ts";

export function operationPath(id: string): string {
  return `/v2/operations/${encodeURIComponent(id)}`;
}

export function toOperationDto(operation: Operation): v2.Operation {
  const dto: v2.Operation = {
    id: operation.id,
    kind: operation.kind,
    status: operation.status,
    createdAt: operation.createdAt.toISOString(),
    updatedAt: operation.updatedAt.toISOString(),
    cancelRequested: operation.cancelRequested,
    _links: { self: { href: operationPath(operation.id) }, resource: { href: deliveryPath(operation.deliveryId) } },
  };
  if (operation.failure) {
    const spec = errorMap[operation.failure.code] ?? { status: 500, title: "Operation failed" };
    dto.error = {
      type: problemTypeFor(operation.failure.code),
      title: spec.title,
      status: spec.status,
      detail: operation.failure.message,
    };
  }
  return dto;
}
