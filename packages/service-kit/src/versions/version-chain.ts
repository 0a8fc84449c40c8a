import { z } from "zod";
import type { ChangeUnit, SchemaForm, SchemaShape, WireObject, WirePath } from "./change-unit.ts";

/** The change units between two adjacent majors of one resource. */
export type VersionStep<Resource extends string> = {
  readonly from: number;
  readonly to: number;
  readonly changes: readonly ChangeUnit<Resource>[];
};

/** How one resource's bodies move between its majors; a version 3 later is one more step, not a rewrite. */
export type VersionChain<Resource extends string> = {
  readonly resource: Resource;
  readonly steps: readonly VersionStep<Resource>[];
  readonly newestMajor: number;
  /**
   * An older request in the newest shape, step by step. `currentNewest` is the stored state (newest shape);
   * each step sees it in its own newer shape, so a unit can keep what the older version cannot express.
   */
  readonly toNewer: (request: WireObject, fromMajor: number, currentNewest?: WireObject) => WireObject;
  /** A newest-shape body in an older major's shape: the steps and their units in reverse. */
  readonly toOlder: (body: WireObject, toMajor: number) => WireObject;
  /** Where a problem found in the newest shape lies in an older request. */
  readonly pathToOlder: (path: WirePath, toMajor: number) => WirePath;
  /**
   * An older major's schema, derived from the newest one by its units' `shapeToOlder`, so the older wire
   * model is not kept by hand beside the units that define it.
   */
  readonly olderSchema: <Shape extends SchemaShape>(
    newest: z.ZodObject<Shape>,
    toMajor: number,
    form: SchemaForm,
  ) => z.ZodObject<SchemaShape>;
  /**
   * The chain as far as `major`: its newest is that major, for code that speaks an older major than the
   * newest (a client of version 2 turning version 1 bodies into its own, while a version 3 exists).
   */
  readonly upTo: (major: number) => VersionChain<Resource>;
};

export class VersionChainError extends Error {}

/** Builds the chain of one resource; refuses a unit of another resource, so none is inherited by accident. */
export function versionChain<Resource extends string>(
  resource: Resource,
  steps: readonly VersionStep<NoInfer<Resource>>[],
): VersionChain<Resource> {
  const foreign = steps.flatMap((step) => step.changes).filter((unit) => unit.resource !== resource);
  if (foreign.length > 0) {
    const names = foreign.map((unit) => `${unit.name} (${unit.resource})`).join(", ");
    throw new VersionChainError(`the ${resource} chain was given units of other resources: ${names}`);
  }
  const sorted = steps.toSorted((a, b) => a.from - b.from);
  const above = (major: number) => sorted.filter((step) => step.from >= major);
  const unitsDown = (major: number) =>
    above(major)
      .toReversed()
      .flatMap((step) => step.changes.toReversed());
  const toOlder = (body: WireObject, toMajor: number) => unitsDown(toMajor).reduce((b, unit) => unit.toOlder(b), body);
  return {
    resource,
    steps: sorted,
    newestMajor: Math.max(1, ...sorted.map((step) => step.to)),
    toNewer: (request, fromMajor, currentNewest) => {
      let upgraded = request;
      for (const step of above(fromMajor)) {
        const current = currentNewest && toOlder(currentNewest, step.to);
        for (const unit of step.changes) upgraded = unit.toNewer(upgraded, current);
      }
      return upgraded;
    },
    toOlder,
    pathToOlder: (path, toMajor) => unitsDown(toMajor).reduce((p, unit) => unit.pathToOlder?.(p) ?? p, path),
    olderSchema: (newest, toMajor, form) =>
      z.object(
        unitsDown(toMajor).reduce<SchemaShape>(
          (shape, unit) => unit.shapeToOlder?.(shape, form) ?? shape,
          newest.shape,
        ),
      ),
    upTo: (major) =>
      versionChain(
        resource,
        sorted.filter((step) => step.to <= major),
      ),
  };
}
