import { changeUnit, type WirePath } from "@starter/service-kit/versions";

type Coordinates = { latitude: number; longitude: number };

/** The v1 text "47.6205,-122.3493" (already canonical: the v1 schema normalises it). */
function toCoordinates(location: string): Coordinates {
  const [latitude = Number.NaN, longitude = Number.NaN] = location.split(",").map(Number);
  return { latitude, longitude };
}

function toLocation({ latitude, longitude }: Coordinates): string {
  return `${latitude},${longitude}`;
}

const RENAMED: Record<string, string> = { pickup: "pickupLocation", dropoff: "dropoffLocation" };

export const splitLocationStringsIntoCoordinates = changeUnit<
  "delivery",
  { pickupLocation: string; dropoffLocation: string },
  { pickup: Coordinates; dropoff: Coordinates }
>({
  resource: "delivery",
  name: "split-location-strings-into-coordinates",
  why: "A location packed into one string had to be parsed by every client and could not be validated per coordinate; an object with latitude and longitude is typed and each part gets its own error.",
  toNewer: ({ pickupLocation, dropoffLocation, ...rest }) => ({
    ...rest,
    pickup: toCoordinates(pickupLocation),
    dropoff: toCoordinates(dropoffLocation),
  }),
  toOlder: ({ pickup, dropoff, ...rest }) => ({
    ...rest,
    pickupLocation: toLocation(pickup),
    dropoffLocation: toLocation(dropoff),
  }),
  pathToOlder: (path: WirePath) => {
    const renamed = RENAMED[String(path[0])];
    return renamed ? [renamed] : path;
  },
});
