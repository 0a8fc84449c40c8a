import { describe, expect, it } from "vitest";
import { callParticipant, DEFAULT_RETRY_POLICY, REFUSAL_HEADERS } from "../src/index.ts";

/** An exchange that answers once, as given, with its headers in a fetch `Headers`. */
const answering = (status: number, headers: Record<string, string>) => async () => ({
  status,
  headers: new Headers(headers),
  body: { type: "urn:problem-type:rate_limit.exceeded", status },
});

describe("callParticipant keeps what a refusal tells its client", () => {
  it("When a participant answers 429 with Retry-After and the RateLimit fields, then the result carries exactly those, not its other headers", async () => {
    const result = await callParticipant(
      answering(429, {
        "Retry-After": "12",
        RateLimit: '"writes";r=0;t=12',
        "RateLimit-Policy": '"writes";q=600;w=60',
        "Set-Cookie": "session=secret",
        ETag: '"v2-delivery-3"',
      }),
      DEFAULT_RETRY_POLICY,
    );

    expect(result).toMatchObject({
      kind: "answered",
      status: 429,
      etag: '"v2-delivery-3"',
      headers: { "retry-after": "12", ratelimit: '"writes";r=0;t=12', "ratelimit-policy": '"writes";q=600;w=60' },
    });
    expect(Object.keys(result.kind === "answered" ? result.headers : {}).sort()).toEqual([...REFUSAL_HEADERS].sort());
  });

  it("When an answer carries none of them, then the result's headers are empty", async () => {
    const result = await callParticipant(answering(422, { "Content-Type": "application/problem+json" }), {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: 1,
    });

    expect(result).toMatchObject({ kind: "answered", status: 422, headers: {} });
  });
});
