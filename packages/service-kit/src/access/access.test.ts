import { describe, expect, it } from "vitest";
import { accessOf, EVERYTHING, mayAccess } from "./access.ts";

const principal = (subject: string, ...scopes: string[]) => ({ subject, clientId: subject, scopes: new Set(scopes) });

describe("a caller's access to objects", () => {
  it("When the caller holds only ordinary scopes, then it may access its own objects and no one else's", () => {
    const access = accessOf(principal("u-1", "deliveries:read"), "deliveries:admin");
    expect(access).toEqual({ everything: false, ownerId: "u-1" });
    expect(mayAccess(access, "u-1")).toBe(true);
    expect(mayAccess(access, "u-2")).toBe(false);
  });

  it("When the caller holds the administrative scope, or nobody is authenticated, then everything", () => {
    expect(accessOf(principal("u-1", "deliveries:admin"), "deliveries:admin")).toBe(EVERYTHING);
    expect(accessOf(undefined, "deliveries:admin")).toBe(EVERYTHING);
    expect(mayAccess(EVERYTHING, "u-2")).toBe(true);
  });
});
