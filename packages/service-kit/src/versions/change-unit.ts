/** A JSON object on the wire, in whichever version's shape a unit is looking at. */
export type WireObject = Record<string, unknown>;

/** A location inside a request body, as the error pointers of problem+json name it. */
export type WirePath = readonly (string | number)[];

/**
 * One named difference between two adjacent major versions of one resource (Stripe's version changes,
 * Cadwyn's version changes). Business logic sees only the newest version; each unit translates one thing,
 * named by direction: `toNewer` for requests coming up, `toOlder` for bodies going down.
 */
export type ChangeUnit<Resource extends string = string> = {
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
};

/** A unit as it is written: the members it changes typed on each side (`Older` before, `Newer` after). */
export type TypedChangeUnit<Resource extends string, Older extends WireObject, Newer extends WireObject> = {
  readonly resource: Resource;
  readonly name: string;
  readonly why: string;
  readonly toNewer: (request: Older & WireObject, current: (Newer & WireObject) | undefined) => Newer & WireObject;
  readonly toOlder: (body: Newer & WireObject) => Older & WireObject;
  readonly pathToOlder?: (path: WirePath) => WirePath;
};

/**
 * Declares a change unit, checking its functions against the shapes it names. The chain hands each unit
 * objects of the shape its neighbours produce, so this is where the typed unit joins the untyped chain.
 */
export function changeUnit<Resource extends string, Older extends WireObject, Newer extends WireObject>(
  unit: TypedChangeUnit<Resource, Older, Newer>,
): ChangeUnit<Resource> {
  return unit as unknown as ChangeUnit<Resource>;
}
