import { type Access, accessOf, EVERYTHING, type Principal } from "@starter/service-kit/access";
import {
  NO_PRECONDITION,
  type OwnedAggregate,
  type Precondition,
  type Revision,
} from "@starter/service-kit/versioned-writes";
import type { OperationKind } from "./operation-kind.ts";

/** What an operation kind needs of the aggregate it acts on (the kit's `OwnedAggregates` has it). */
export type OperationTarget<T extends OwnedAggregate> = Readonly<{
  get: (id: string, access: Access) => Promise<T>;
  isVisible: (id: string, access: Access) => Promise<boolean>;
  change: (
    id: string,
    precondition: Precondition,
    access: Access,
    change: (current: T) => Revision<T>,
  ) => Promise<unknown>;
}>;

/**
 * A long operation on an owned aggregate, in domain terms: an optional `check` of the target (it throws the
 * target's error), the slow `work`, and the `effect` as a change of the aggregate. Who may see the target, and so its
 * operations, is its owner (or a caller with `adminScope`); the worker applies the effect for nobody
 * (`EVERYTHING`): the caller's access was checked when the operation was started.
 */
export function ownedAggregateKind<T extends OwnedAggregate, Code extends string>(
  aggregates: OperationTarget<T>,
  kind: Omit<OperationKind<Code>, "check" | "visibleTo" | "effect"> & {
    adminScope: string;
    /** Refuses a target that cannot take the operation now (its error: a 409), before anything is stored. */
    check?: (current: T) => void;
    /** Given the operation id, so a re-run after a crash changes nothing (see `Revision`). */
    effect: (current: T, operationId: string) => Revision<T>;
  },
): OperationKind<Code> {
  const { adminScope, check, effect, ...rest } = kind;
  const access = (principal: Principal | undefined) => accessOf(principal, adminScope);
  return {
    ...rest,
    check: async (id, principal) => {
      // Reading it is the check that it exists and is the caller's (a 404 otherwise), whatever `check` adds.
      const current = await aggregates.get(id, access(principal));
      check?.(current);
    },
    visibleTo: (id, principal) => aggregates.isVisible(id, access(principal)),
    effect: async (id, operationId) => {
      await aggregates.change(id, NO_PRECONDITION, EVERYTHING, (current) => effect(current, operationId));
    },
  };
}
