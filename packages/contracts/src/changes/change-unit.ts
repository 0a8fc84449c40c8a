/** A JSON object on the wire, in whichever version's shape a unit is looking at. */
export type WireObject = Record<string, unknown>;

/** A location inside a request body, as the error pointers of problem+json name it. */
export type WirePath = readonly (string | number)[];

/**
 * One named difference between two adjacent major versions (Stripe's version changes, Cadwyn's
 * version changes). Business logic sees only the newest version; each unit translates one thing.
 */
export type ChangeUnit = {
  /** Verb first, as the file is named: `split-location-strings-into-coordinates`. */
  readonly name: string;
  /** Why the newer version changed this; goes into the changelog. */
  readonly why: string;
  /** An older request into the newer shape. `current` is the stored state in the newer shape, if any. */
  readonly up: (request: WireObject, current: WireObject | undefined) => WireObject;
  /** A newer response into the older shape. */
  readonly down: (response: WireObject) => WireObject;
  /** Where a problem found in the newer shape lies in the older request, for its error pointers. */
  readonly downPath?: (path: WirePath) => WirePath;
};
