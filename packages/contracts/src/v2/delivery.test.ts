import { describe, expect, it } from "vitest";
import { deliveryInputSchema, resourceIdSchema } from "./delivery.ts";

const input = {
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00Z",
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
};

describe("the version 2 delivery input schema", () => {
  it("When unknown and read-only members are sent, then they are stripped (tolerant reader)", () => {
    const parsed = deliveryInputSchema.parse({ ...input, status: "delivered", version: 9, _links: {}, extra: 1 });

    expect(parsed).toEqual({ ...input, expedited: false });
  });

  it("When the deadline has an offset, then it is accepted; a date without time is not", () => {
    expect(deliveryInputSchema.safeParse({ ...input, deadline: "2026-12-01T10:00:00+02:00" }).success).toBe(true);
    expect(deliveryInputSchema.safeParse({ ...input, deadline: "2026-12-01" }).success).toBe(false);
  });

  it("When an id has characters outside the URL-safe set, then it is refused", () => {
    expect(deliveryInputSchema.safeParse({ ...input, ownerId: "u/42" }).success).toBe(false);
    expect(deliveryInputSchema.safeParse({ ...input, ownerId: "" }).success).toBe(false);
  });

  it("When an id is . or .., then it is refused (URLs treat them as path steps); other dotted ids are accepted", () => {
    for (const id of [".", ".."]) expect(resourceIdSchema.safeParse(id).success).toBe(false);
    for (const id of ["...", ".a", "a.", "a..b", "x", "x".repeat(64)])
      expect(resourceIdSchema.safeParse(id).success).toBe(true);
    expect(resourceIdSchema.safeParse("x".repeat(65)).success).toBe(false);
  });
});

describe("the additive packages change within version 2", () => {
  it("When packages is a single object (the first v2 shape), then it is read as a list of one", () => {
    const single = { id: "p-1", size: "small", weightKg: 1.2 };

    expect(deliveryInputSchema.parse({ ...input, packages: single }).packages).toEqual([single]);
  });

  it("When packages is a list (the newer shape), then it is read as is", () => {
    expect(deliveryInputSchema.parse(input).packages).toEqual(input.packages);
  });

  it("When packages is neither a package nor a list of them, then it is refused", () => {
    expect(deliveryInputSchema.safeParse({ ...input, packages: "p-1" }).success).toBe(false);
  });
});
