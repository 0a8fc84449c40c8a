import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: the test walks and edits arbitrary OpenAPI JSON
type Json = Record<string, any>;

/** The committed, published version 2 contract: the base every change is judged against. */
const published: Json = JSON.parse(readFileSync(join(import.meta.dirname, "../openapi/v2.json"), "utf8"));

const item = (document: Json) => document.paths["/v2/deliveries/{id}"];
/** A schema, or the component it refers to: a change to the component changes every use of it. */
const resolved = (document: Json, schema: Json): Json =>
  schema.$ref ? document.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;
const putRequest = (d: Json) => resolved(d, item(d).put.requestBody.content["application/json"].schema);
const getResponse = (d: Json) => resolved(d, item(d).get.responses["200"].content["application/json"].schema);
const listStatusSchema = (d: Json) =>
  resolved(d, d.paths["/v2/deliveries"].get.parameters.find((p: Json) => p.name === "status").schema);

/** A copy of the published contract with one change made to it. */
function changed(change: (document: Json) => void): Json {
  const copy = structuredClone(published);
  change(copy);
  return copy;
}

describe("the breaking-change gate (oasdiff against the committed snapshot)", () => {
  it.each<[string, (document: Json) => void, RegExp]>([
    ["a response field is removed", (d) => delete getResponse(d).properties.status, /status/],
    [
      "a request field is renamed",
      (d) => {
        const schema = putRequest(d);
        schema.properties.owner = schema.properties.ownerId;
        delete schema.properties.ownerId;
        schema.required = schema.required.map((name: string) => (name === "ownerId" ? "owner" : name));
      },
      /owner/,
    ],
    ["a field's type changes", (d) => (getResponse(d).properties.version = { type: "string" }), /version/],
    ["a request field becomes required", (d) => putRequest(d).required.push("expedited"), /expedited/],
    ["a request enum is narrowed", (d) => (listStatusSchema(d).enum = ["created", "dispatched"]), /delivered/],
    ["an operation is removed", (d) => delete item(d).delete, /DELETE/],
  ])("When %s, then the gate fails and names it", async (_, change, named) => {
    const result = await findBreakingChanges(published, changed(change));

    expect(result.breaking).toBe(true);
    expect(result.report).toMatch(named);
  });

  it("When a bound is set on a request number (as the package weight's maximum was), then the gate fails and names it: such a change is released only as a reviewed exception (docs/versioning.md)", async () => {
    const weightOf = (d: Json) => d.components.schemas.Package.properties.weightKg;
    expect(weightOf(published).maximum).toBe(1000);
    const unbounded = changed((d) => delete weightOf(d).maximum);

    const result = await findBreakingChanges(unbounded, published);
    expect(result.breaking).toBe(true);
    expect(result.report).toMatch(/request-property-max-set[\s\S]*weightKg/);
  });

  it("When a change is additive (a new optional request field, a new response field), then the gate passes", async () => {
    const additive = changed((d) => {
      putRequest(d).properties.note = { type: "string" };
      getResponse(d).properties.etaMinutes = { type: "integer" };
    });

    expect(await findBreakingChanges(published, additive)).toMatchObject({ breaking: false });
  });
});
