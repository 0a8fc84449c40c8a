import { changeUnit, replaceMember, type WirePath } from "@starter/service-kit/versions";
import { z } from "zod";

type Coordinates = { latitude: number; longitude: number };

const DECIMAL = "-?\\d+(?:\\.\\d+)?";
const LOCATION = new RegExp(`^\\s*(${DECIMAL})\\s*,\\s*(${DECIMAL})\\s*$`);

/**
 * Version 1's location, "latitude,longitude". Parsed to its canonical text ("47.60 , 8" -> "47.6,8"), so one
 * location has one spelling and a v1 request survives the trip through version 2 and back unchanged.
 */
export const locationSchema = z
  .string()
  .regex(LOCATION, 'must be "latitude,longitude" in decimal degrees')
  .transform((text) => {
    const [, latitude, longitude] = LOCATION.exec(text) ?? [];
    return `${Number(latitude)},${Number(longitude)}`;
  });

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
  shapeToOlder: (shape, form) => {
    const location = form === "request" ? locationSchema : z.string();
    return replaceMember(replaceMember(shape, "pickup", { pickupLocation: location }), "dropoff", {
      dropoffLocation: location,
    });
  },
});
