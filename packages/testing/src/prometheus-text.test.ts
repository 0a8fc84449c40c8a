import { describe, expect, it } from "vitest";
import { metricValue } from "./prometheus-text.ts";

const text = [
  "# HELP requests_total Requests.",
  "# TYPE requests_total counter",
  'requests_total{route="/a",status="200"} 3',
  'requests_total{route="/a",status="500"} 1',
  "up 1",
].join("\n");

describe("metricValue", () => {
  it("When labels are given, then the sample having all of them is read; a sample without labels is read by name", () => {
    expect(metricValue(text, "requests_total", { status: "500" })).toBe(1);
    expect(metricValue(text, "requests_total", { route: "/a", status: "200" })).toBe(3);
    expect(metricValue(text, "up")).toBe(1);
  });

  it("When no sample has the name and labels, then undefined, not zero", () => {
    expect(metricValue(text, "requests_total", { status: "404" })).toBeUndefined();
    expect(metricValue(text, "requests", {})).toBeUndefined();
  });
});
