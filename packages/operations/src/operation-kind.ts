import type { Principal } from "@starter/service-kit/auth";
import type { z } from "zod";

/**
 * What a service plugs in to get a long operation: its name, its target, a check of the target, and the
 * effect. The package does the rest (storage, workers with leases, 202 + status monitor + cancel, docs).
 */
export type OperationKind<Code extends string = string> = Readonly<{
  /** "dispatch": the last segment of its start path and the `kind` of its status resource. */
  name: string;
  /** The start route's operationId, named for what it does: "dispatchDelivery". */
  operationId: string;
  /** One line for the document: "Dispatch a delivery". */
  summary: string;
  /** The target's path with `{id}` for its id: "/v2/deliveries/{id}". The operation starts at `<path>/<name>`. */
  targetPath: string;
  /** The target's id as the path parameter; a malformed one is a 400. */
  targetId: z.ZodType<string>;
  /**
   * Throws the target's typed error when it cannot take the operation now (404, 409), or when the caller
   * may not see it (404: someone else's); nothing is stored then. No principal: nobody is authenticated.
   */
  check: (targetId: string, principal: Principal | undefined) => Promise<void>;
  /**
   * Whether the caller may see the target, and so the operations on it: an operation on someone else's
   * target is not found (object-level authorization; asked only of an authenticated caller).
   */
  visibleTo: (targetId: string, principal: Principal) => Promise<boolean>;
  /** The slow part before the effect; abandoned when the worker stops (the next claim runs it again). */
  work?: (targetId: string, signal: AbortSignal) => Promise<void>;
  /** Applies the operation. Given the operation id, so a re-run after a crash applies it once. */
  effect: (targetId: string, operationId: string) => Promise<void>;
  /** The codes `check` can raise, documented on the start route. */
  errors: readonly Code[];
}>;

/** The target's own path, for links and the 303 of a succeeded operation. */
export function targetHref(kind: Pick<OperationKind, "targetPath">, targetId: string): string {
  return kind.targetPath.replace("{id}", encodeURIComponent(targetId));
}
