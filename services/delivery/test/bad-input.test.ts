import { deflateSync, gzipSync } from "node:zlib";
import { http, httpRawPath, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const BODY_LIMIT_BYTES = 4_096;
const app = useDeliveryApp({ bodyLimitBytes: BODY_LIMIT_BYTES });

const validJson = () => JSON.stringify(deliveryInput());
const withMember = (member: string) => `{${member},${validJson().slice(1)}`;
const nested = (depth: number) => `{"ownerId":"u",${'"x":{'.repeat(depth)}${"}".repeat(depth)}}`;

/** Each case is sent as a raw PUT; each must be a 4xx problem and must leave no delivery behind. */
const cases: { name: string; status: number; body: string | Uint8Array; contentType?: string; encoding?: string }[] = [
  { name: "a key starting with $", status: 400, body: withMember('"$set":{"status":"delivered"}') },
  { name: "a nested key starting with $", status: 400, body: validJson().replace('"latitude"', '"$gt"') },
  { name: "a key containing a dot", status: 400, body: withMember('"pickup.latitude":1') },
  { name: "a __proto__ key", status: 400, body: withMember('"__proto__":{"admin":true}') },
  { name: "a constructor key", status: 400, body: withMember('"constructor":{"prototype":{}}') },
  { name: "a prototype key", status: 400, body: withMember('"prototype":1') },
  { name: "a body over the size limit", status: 413, body: withMember(`"pad":"${"x".repeat(BODY_LIMIT_BYTES)}"`) },
  { name: "nesting deeper than the limit", status: 400, body: nested(40) },
  { name: "a text/plain content type", status: 415, body: validJson(), contentType: "text/plain" },
  { name: "a form content type", status: 415, body: "ownerId=u", contentType: "application/x-www-form-urlencoded" },
  { name: "a non-UTF-8 charset", status: 415, body: validJson(), contentType: "application/json; charset=latin1" },
  {
    name: "invalid UTF-8",
    status: 400,
    body: new Uint8Array([
      ...new TextEncoder().encode(validJson().slice(0, -1)),
      0x2c,
      0x22,
      0xc3,
      0x28,
      0x22,
      0x3a,
      0x31,
      0x7d,
    ]),
  },
  { name: "malformed JSON", status: 400, body: '{"ownerId": ' },
  { name: "a number that is not finite", status: 400, body: validJson().replace('"weightKg":1.2', '"weightKg":1e999') },
  { name: "a JSON array instead of an object", status: 400, body: "[]" },
  { name: "a plain body labelled gzip", status: 415, body: validJson(), encoding: "gzip" },
  { name: "a real gzip body", status: 415, body: gzipSync(validJson()), encoding: "gzip" },
  // 3 kB that would inflate to 10 MB: refused unread, never decoded.
  { name: "a gzip bomb", status: 415, body: gzipSync(Buffer.alloc(10_000_000, " ")), encoding: "gzip" },
  { name: "a deflate body", status: 415, body: deflateSync(validJson()), encoding: "deflate" },
  { name: "an unknown encoding", status: 415, body: validJson(), encoding: "zstd" },
];

describe("PUT /v2/deliveries/{id} with input that must be refused cleanly", () => {
  it.each(cases)("When the body has $name, then $status problem+json and nothing is stored", async (testCase) => {
    const id = uniqueId("bad");
    const response = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      rawBody: testCase.body,
      headers: {
        "content-type": testCase.contentType ?? "application/json",
        ...(testCase.encoding && { "content-encoding": testCase.encoding }),
      },
    });

    expect(response.status).toBe(testCase.status);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body.status).toBe(testCase.status);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When an encoding is refused, then the answer says which one is accepted (RFC 7694)", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("bad")), {
      method: "PUT",
      rawBody: gzipSync(validJson()),
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });

    expect(response.status).toBe(415);
    expect(response.headers.get("accept-encoding")).toBe("identity");
  });

  it("When Content-Type is given twice, then 400 and nothing is stored (a proxy might read the other one)", async () => {
    const id = uniqueId("bad");
    const response = await httpRawPath(app.url, `/v2/deliveries/${id}`, {
      method: "PUT",
      json: deliveryInput(),
      rawHeaders: [
        ["Content-Type", "application/json"],
        ["Content-Type", "text/plain"],
      ],
    });

    expect(response.status).toBe(400);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When Content-Encoding is identity, then the body is read as it is", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("d")), {
      method: "PUT",
      rawBody: validJson(),
      headers: { "content-type": "application/json", "content-encoding": "identity" },
    });

    expect(response.status).toBe(201);
  });

  it("When the body is missing, then 400", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("bad")), { method: "PUT" });

    expect(response.status).toBe(400);
  });
});
