import type { ChangeUnit, WirePath } from "../change-unit.ts";

/** The v1 text "47.6205,-122.3493" (already canonical: the v1 schema normalises it). */
function toCoordinates(location: unknown) {
  const [latitude, longitude] = String(location).split(",").map(Number);
  return { latitude, longitude };
}

function toLocation(coordinates: unknown): string {
  const { latitude, longitude } = coordinates as { latitude: number; longitude: number };
  return `${latitude},${longitude}`;
}

const RENAMED: Record<string, string> = { pickup: "pickupLocation", dropoff: "dropoffLocation" };

export const splitLocationStringsIntoCoordinates: ChangeUnit = {
  name: "split-location-strings-into-coordinates",
  why: "A location packed into one string had to be parsed by every client and could not be validated per coordinate; an object with latitude and longitude is typed and each part gets its own error.",
  up: ({ pickupLocation, dropoffLocation, ...rest }) => ({
    ...rest,
    pickup: toCoordinates(pickupLocation),
    dropoff: toCoordinates(dropoffLocation),
  }),
  down: ({ pickup, dropoff, ...rest }) => ({
    ...rest,
    pickupLocation: toLocation(pickup),
    dropoffLocation: toLocation(dropoff),
  }),
  downPath: (path: WirePath) => {
    const renamed = RENAMED[String(path[0])];
    return renamed ? [renamed] : path;
  },
};
