import type { z } from "zod";

/** A JSON object on the wire, in whichever version's shape a unit is looking at. */
export type WireObject = Record<string, unknown>;

/** A location inside a request body, as the error pointers of problem+json name it. */
export type WirePath = readonly (string | number)[];

/** The members of an object schema; an older version's schema is the newer one's, changed by the units. */
export type SchemaShape = z.core.$ZodShape;

/** A request body's schema or a response's: they differ where a request is parsed (defaults, normalising). */
export type SchemaForm = "request" | "response";

/**
 * One named difference between two adjacent major versions of one resource (Stripe's version changes,
 * Cadwyn's version changes). Business logic sees only the newest version; each unit translates one thing,
 * named by direction: `toNewer` for requests coming up, `toOlder` for bodies going down.
 */
export type ChangeUnit<Resource extends string = string, Older = unknown, Newer = unknown> = {
  /** The resource whose wire model this unit changes; a chain of another resource refuses it. */
  readonly resource: Resource;
  /** Verb first, as the file is named: `split-location-strings-into-coordinates`. */
  readonly name: string;
  /** Why the newer version changed this; goes into the changelog. */
  readonly why: string;
  /** An older request in the newer shape. `current` is the stored state in the newer shape, if any. */
  readonly toNewer: (request: WireObject, current: WireObject | undefined) => WireObject;
  /** A newer body (a response, or a request for an older service) in the older shape. */
  readonly toOlder: (body: WireObject) => WireObject;
  /** Where a problem found in the newer shape lies in the older request, for its error pointers. */
  readonly pathToOlder?: (path: WirePath) => WirePath;
  /** The older version's members in place of the newer one's: how the older schema is derived (Cadwyn's way). */
  readonly shapeToOlder?: (shape: SchemaShape, form: SchemaForm) => SchemaShape;
  /** Never set: carries the members the unit changes to the type level, where `Downgraded` reads them. */
  readonly types?: { readonly older: Older; readonly newer: Newer };
};

/**
 * A newer version's type in an older version's terms, through a list of units (applied last to first, as
 * going down): each unit's newer members are replaced by its older ones. The older types follow the units.
 */
export type Downgraded<T, Units extends readonly ChangeUnit[]> = Units extends readonly [
  ...infer Rest extends readonly ChangeUnit[],
  ChangeUnit<string, infer Older, infer Newer>,
]
  ? Downgraded<Omit<T, keyof Newer> & Older, Rest>
  : T;

/** A unit as it is written: the members it changes typed on each side (`Older` before, `Newer` after). */
export type TypedChangeUnit<Resource extends string, Older extends WireObject, Newer extends WireObject> = {
  readonly resource: Resource;
  readonly name: string;
  readonly why: string;
  readonly toNewer: (request: Older & WireObject, current: (Newer & WireObject) | undefined) => Newer & WireObject;
  readonly toOlder: (body: Newer & WireObject) => Older & WireObject;
  readonly pathToOlder?: (path: WirePath) => WirePath;
  readonly shapeToOlder?: (shape: SchemaShape, form: SchemaForm) => SchemaShape;
};

/**
 * Declares a change unit, checking its functions against the shapes it names. The chain hands each unit
 * objects of the shape its neighbours produce, so this is where the typed unit joins the untyped chain.
 */
export function changeUnit<Resource extends string, Older extends WireObject, Newer extends WireObject>(
  unit: TypedChangeUnit<Resource, Older, Newer>,
): ChangeUnit<Resource, Older, Newer> {
  return unit as unknown as ChangeUnit<Resource, Older, Newer>;
}

/**
 * The shape with one member replaced, in its place, by the members given (none to drop it): an older
 * schema keeps the member order of the newer one, so its documents read the same way.
 */
export function replaceMember(shape: SchemaShape, name: string, replacement: SchemaShape): SchemaShape {
  return Object.fromEntries(
    Object.entries(shape).flatMap(([key, schema]) => (key === name ? Object.entries(replacement) : [[key, schema]])),
  );
}

/** The shape with one member renamed, in its place, its schema kept. */
export function renameMember(shape: SchemaShape, from: string, to: string): SchemaShape {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key === from ? to : key, schema]));
}
