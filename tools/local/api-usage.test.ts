import { describe, expect, it } from "vitest";
import { renderUsageReport } from "./api-usage.ts";

describe("the api-usage command's report", () => {
  it("When two clients still call v1, then each is a row of the table, aligned, with the totals", () => {
    const text = renderUsageReport("http://localhost:3000", 1, [
      {
        client: "mobile-app",
        requests: 1204,
        days: 12,
        firstSeen: "2026-11-02T08:00:00.000Z",
        lastSeen: "2027-01-05T17:00:00.000Z",
      },
      {
        client: "billing",
        requests: 7,
        days: 1,
        firstSeen: "2027-01-04T10:00:00.000Z",
        lastSeen: "2027-01-04T10:05:00.000Z",
      },
    ]);

    expect(text.split("\n").slice(1)).toEqual([
      "client      requests  days  first seen                last seen",
      "mobile-app      1204    12  2026-11-02T08:00:00.000Z  2027-01-05T17:00:00.000Z",
      "billing            7     1  2027-01-04T10:00:00.000Z  2027-01-04T10:05:00.000Z",
      "2 clients, 1211 requests",
      "",
    ]);
  });

  it("When nobody calls the major, then the report says so", () => {
    expect(renderUsageReport("http://localhost:3000", 1, [])).toContain("no client called v1 on the days kept");
  });
});
