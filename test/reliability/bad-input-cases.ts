import { gzipSync } from "node:zlib";
import { rawRequest } from "./raw-http.ts";

/** A service under test, as the bad-input matrix needs to know it. */
export type Target = Readonly<{
  name: string;
  url: string;
  /** Where a resource of that id lives on this service (its own major). */
  itemPath: (id: string) => string;
  /** A body this service would accept for a PUT of that id. */
  validBody: () => Record<string, unknown>;
  /** Whether it serves versioned paths (Accept-Version is read). */
  versioned: boolean;
}>;

/**
 * What a case must come to: a 4xx problem+json with one of these statuses, or (where HTTP itself is
 * broken) any 4xx or the connection closed by Node's parser.
 */
export type Expectation = Readonly<{ problem: readonly number[] } | { parser: true }>;

export type BadInputCase = Readonly<{
  name: string;
  /** Where the case means something (a service that reads no Accept-Version accepts any). */
  appliesTo?: (target: Target) => boolean;
  request: (id: string, target: Target) => Buffer;
  expect: Expectation;
  /** Another id the request tries to write, smuggled inside it: it must not exist afterwards. */
  smuggledId?: (id: string) => string;
}>;

const json = (body: unknown) => JSON.stringify(body);
const JSON_TYPE = ["Content-Type", "application/json"] as const;
const put = (path: string, body: string | Buffer, headers: (readonly [string, string])[] = [JSON_TYPE]) =>
  rawRequest("PUT", path, headers, body);
/** The valid body with one more member, written as raw JSON text. */
const withMember = (target: Target, member: string) => `{${member},${json(target.validBody()).slice(1)}`;
const deep = (depth: number) => `${'{"x":'.repeat(depth)}1${"}".repeat(depth)}`;

/**
 * The HTTP contract's list of what must be refused cleanly, as data: every case a PUT (or a GET) of a fresh
 * id, which must be answered as expected and leave nothing behind.
 */
export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  {
    name: "a key starting with $",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"$set":{"a":1}')),
  },
  {
    name: "a nested key starting with $",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"x":{"$gt":1}')),
  },
  {
    name: "a dotted key",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"a.b":1')),
  },
  {
    name: "a __proto__ key",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"__proto__":{"admin":true}')),
  },
  {
    name: "a constructor key",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"constructor":{"prototype":{}}')),
  },
  {
    name: "a non-finite number",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, '"n":1e999')),
  },
  {
    name: "JSON nested 200 deep",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), withMember(t, `"x":${deep(200)}`)),
  },
  {
    name: "JSON 100,000 members wide",
    expect: { problem: [413] },
    request: (id, t) => put(t.itemPath(id), withMember(t, `"x":[${"1,".repeat(99_999)}1]`)),
  },
  { name: "malformed JSON", expect: { problem: [400] }, request: (id, t) => put(t.itemPath(id), '{"a": ') },
  {
    name: "invalid UTF-8",
    expect: { problem: [400] },
    request: (id, t) =>
      put(t.itemPath(id), Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])),
  },
  { name: "a JSON array", expect: { problem: [400] }, request: (id, t) => put(t.itemPath(id), "[]") },
  { name: "an empty body", expect: { problem: [400] }, request: (id, t) => put(t.itemPath(id), "") },
  {
    name: "a body over the limit",
    expect: { problem: [413] },
    request: (id, t) => put(t.itemPath(id), withMember(t, `"pad":"${"x".repeat(100_000)}"`)),
  },
  {
    name: "a text/plain body",
    expect: { problem: [415] },
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [["Content-Type", "text/plain"]]),
  },
  {
    name: "a latin1 charset",
    expect: { problem: [415] },
    request: (id, t) =>
      put(t.itemPath(id), json(t.validBody()), [["Content-Type", "application/json; charset=latin1"]]),
  },
  {
    name: "a plain body labelled gzip",
    expect: { problem: [415] },
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["Content-Encoding", "gzip"]]),
  },
  {
    name: "a gzip bomb",
    expect: { problem: [415] },
    request: (id, t) =>
      put(t.itemPath(id), gzipSync(Buffer.alloc(5_000_000, " ")), [JSON_TYPE, ["Content-Encoding", "gzip"]]),
  },
  {
    name: "two Content-Type headers",
    expect: { problem: [400, 415] },
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["Content-Type", "text/plain"]]),
  },
  {
    name: "an id of one dot",
    expect: { problem: [400] },
    request: (_id, t) => put(t.itemPath("."), json(t.validBody())),
  },
  {
    name: "an id of two dots",
    expect: { problem: [400] },
    request: (_id, t) => put(t.itemPath(".."), json(t.validBody())),
  },
  {
    name: "an id of 65 characters",
    expect: { problem: [400] },
    request: (_id, t) => put(t.itemPath("a".repeat(65)), json(t.validBody())),
  },
  {
    name: "an id with an encoded slash",
    expect: { problem: [400, 404] },
    request: (id, t) => put(`${t.itemPath(id)}%2Fx`, json(t.validBody())),
  },
  {
    name: "a body id unlike the URL's",
    expect: { problem: [400] },
    request: (id, t) => put(t.itemPath(id), json({ ...t.validBody(), id: `${id}-other` })),
  },
  {
    name: "200 query parameters",
    expect: { problem: [400, 404] },
    request: (id, t) =>
      rawRequest("GET", `${t.itemPath(id)}-missing?${Array.from({ length: 200 }, (_, i) => `p${i}=1`).join("&")}`, []),
  },
  {
    name: "garbage Accept-Version",
    expect: { problem: [400] },
    appliesTo: (t) => t.versioned,
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["Accept-Version", "v2; drop table"]]),
  },
  // HTTP itself broken: Node's parser refuses before any code of ours runs.
  {
    name: "two different Content-Lengths",
    expect: { parser: true },
    request: (id, t) =>
      put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["Content-Length", "10"], ["Content-Length", "11"]]),
  },
  {
    name: "Content-Length with Transfer-Encoding, smuggling a second PUT",
    expect: { parser: true },
    smuggledId: (id) => `${id}-smuggled`,
    request: (id, t) => {
      const inner = rawRequest("PUT", t.itemPath(`${id}-smuggled`), [JSON_TYPE], json(t.validBody()));
      const body = Buffer.concat([Buffer.from("0\r\n\r\n"), inner]);
      return rawRequest(
        "PUT",
        t.itemPath(id),
        [JSON_TYPE, ["Content-Length", String(body.length)], ["Transfer-Encoding", "chunked"]],
        body,
      );
    },
  },
  {
    name: "an obfuscated Transfer-Encoding",
    expect: { parser: true },
    request: (id, t) =>
      put(t.itemPath(id), "5\r\nhello\r\n0\r\n\r\n", [JSON_TYPE, ["Transfer-Encoding", "chunked, identity"]]),
  },
  {
    name: "a bad chunk size",
    expect: { parser: true },
    request: (id, t) =>
      rawRequest("PUT", t.itemPath(id), [JSON_TYPE, ["Transfer-Encoding", "chunked"]], "zz\r\n{}\r\n0\r\n\r\n", {
        chunked: true,
      }),
  },
  {
    name: "headers of 20 KB",
    expect: { parser: true },
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["X-Pad", "a".repeat(20_000)]]),
  },
  {
    name: "a URL of 20 KB",
    expect: { parser: true },
    request: (id, t) => put(`${t.itemPath(id)}?pad=${"a".repeat(20_000)}`, json(t.validBody())),
  },
  {
    name: "a CR inside a header value",
    expect: { parser: true },
    request: (id, t) => put(t.itemPath(id), json(t.validBody()), [JSON_TYPE, ["X-Request-Id", "a\rInjected: 1"]]),
  },
  {
    name: "an unknown method",
    expect: { parser: true },
    request: (id, t) => rawRequest("SMUGGLE", t.itemPath(id), [JSON_TYPE], json(t.validBody())),
  },
];
