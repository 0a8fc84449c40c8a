import fc from "fast-check";
import { RESOURCE_ID_PATTERN } from "../../common/fields.ts";

/** Generators of valid version 1 requests, for the property tests of the change units. */
export const resourceId = fc.stringMatching(RESOURCE_ID_PATTERN);

const decimal = (max: number) =>
  fc
    .tuple(fc.integer({ min: -max, max }), fc.integer({ min: 0, max: 9_999_999 }), fc.boolean())
    .map(([whole, fraction, padded]) => `${whole}${fraction > 0 ? `.${fraction}` : ""}${padded ? "0" : ""}`);

export const location = fc
  .tuple(decimal(90), decimal(180), fc.constantFrom(",", " , ", ", "))
  .map(([lat, lng, sep]) => `${lat}${sep}${lng}`);

export const v1Request = fc.record(
  {
    id: resourceId,
    owner: resourceId,
    pickupLocation: location,
    dropoffLocation: location,
    deadline: fc
      .date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
    expedited: fc.constantFrom("yes", "no"),
    packageIds: fc.uniqueArray(resourceId, { minLength: 0, maxLength: 5 }),
  },
  { requiredKeys: ["owner", "pickupLocation", "dropoffLocation", "deadline", "packageIds"] },
);
