import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as v1 from "../../v1/index.ts";
import * as v2 from "../../v2/index.ts";
import * as v3 from "../../v3/index.ts";
import { deliveryVersions } from "../../versions/index.ts";
import { v1Request } from "../v1-to-v2/v1-arbitraries.ts";
import { v2ToV3 } from "./index.ts";
import { replaceExpeditedFlagWithPriority } from "./replace-expedited-flag-with-priority.ts";

/** Valid version 2 requests: valid version 1 ones taken up a step, with either flag. */
const parsedV2Request = fc.tuple(v1Request, fc.boolean()).map(([raw, expedited]) =>
  v2.deliveryInputSchema.parse({
    ...deliveryVersions.upTo(2).toNewer(v1.deliveryInputSchema.parse(raw), 1),
    expedited,
  }),
);

describe("the change units from version 2 to 3", () => {
  it.each(v2ToV3.map((unit) => [unit.name, unit] as const))(
    "When %s takes any valid v2 request up and back down, then the request is unchanged",
    (_, unit) => {
      fc.assert(
        fc.property(parsedV2Request, (request) => {
          expect(unit.toOlder(unit.toNewer(request, undefined))).toEqual(request);
        }),
      );
    },
  );

  it("When any valid v2 request goes up, then it is a valid v3 request with the same speed", () => {
    fc.assert(
      fc.property(parsedV2Request, (request) => {
        const upgraded = v3.deliveryInputSchema.strict().parse(deliveryVersions.toNewer(request, 2));
        expect(upgraded.priority).toBe(request.expedited ? "expedited" : "standard");
      }),
    );
  });

  it("When a v3 delivery goes down, then version 2 reads expedited for any priority above standard", () => {
    const toV2 = (priority: string) =>
      v2.deliverySchema.parse(deliveryVersions.toOlder({ ...v3.deliveryExample, priority }, 2)).expedited;

    expect(toV2("standard")).toBe(false);
    expect(toV2("expedited")).toBe(true);
    // A speed added to version 3 later (same-day) is still faster than standard for a version 2 client.
    expect(toV2("same-day")).toBe(true);
  });

  it("When a v3 problem points at priority, then a v2 client is pointed at expedited", () => {
    expect(replaceExpeditedFlagWithPriority.pathToOlder?.(["priority"])).toEqual(["expedited"]);
    expect(deliveryVersions.pathToOlder(["ownerId"], 1)).toEqual(["owner"]);
  });
});
