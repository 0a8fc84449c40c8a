import { describe, expect, it } from "vitest";
import { findJsonViolations } from "./json-guards.ts";

const pointers = (value: unknown, maxDepth = 8) =>
  findJsonViolations(value, { maxDepth }).map((v) => `${v.path.join("/")}: ${v.detail}`);

describe("findJsonViolations", () => {
  it("When a value is plain JSON data, then there is nothing to report", () => {
    expect(pointers({ a: [1, "x", null, { b: true }], c: -0.5 })).toEqual([]);
  });

  it("When keys are operators, paths or prototype names at any depth, then each is reported where it is", () => {
    const value = JSON.parse('{"$where":1,"a":{"b.c":2,"list":[{"__proto__":{}}]},"constructor":3,"prototype":4}');

    expect(pointers(value)).toEqual([
      "$where: keys must not start with '$'",
      "a/b.c: keys must not contain '.'",
      "a/list/0/__proto__: '__proto__' is not allowed as a key",
      "constructor: 'constructor' is not allowed as a key",
      "prototype: 'prototype' is not allowed as a key",
    ]);
  });

  it("When a number is not finite, then it is reported", () => {
    expect(pointers(JSON.parse('{"w":[1e999]}'))).toEqual(["w/0: numbers must be finite"]);
  });

  it("When nesting is deeper than the limit, then it is reported once at the limit", () => {
    expect(pointers({ a: { b: { c: {} } } }, 2)).toEqual(["a/b: nesting is deeper than allowed"]);
    expect(pointers({ a: { b: {} } }, 3)).toEqual([]);
  });
});
