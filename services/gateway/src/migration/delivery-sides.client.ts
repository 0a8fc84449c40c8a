import type { Answer, ParticipantSend } from "@starter/coordination";
import { deliveryClientV1, deliveryClientV2, type V1Schemas, type V2Schemas } from "@starter/delivery-client";

/**
 * The two services as the gateway reaches them: through the clients generated from their committed
 * documents, so a contract change that breaks the gateway breaks its build. The coordinator keeps its own
 * conditional logic; its If-Match / If-None-Match and trace headers go through as they are.
 *
 * A PUT's body is what a participant's `toRequest` made of the shared DTO, or a representation that side
 * answered earlier (a revert puts it back): both are that side's input (it ignores read-only members).
 */
export type NewSide = Readonly<{
  send: ParticipantSend;
  /** One page of the new side's collection, from `cursor` (the last id of the page before), as `authorization` may see it. */
  listPage: (query: { limit: number; cursor?: string }, authorization: string, signal: AbortSignal) => Promise<Answer>;
}>;

export function newSide(baseUrl: string): NewSide {
  const client = deliveryClientV2(baseUrl);
  const path = "/v2/deliveries/{id}";
  return {
    send: async ({ method, id, headers, body }, signal) => {
      const init = { params: { path: { id } }, headers, signal, redirect: "manual" as const };
      if (method === "GET") return answerOf(await client.GET(path, init));
      if (method === "DELETE") return answerOf(await client.DELETE(path, init));
      return answerOf(await client.PUT(path, { ...init, body: body as V2Schemas["DeliveryInput"] }));
    },
    listPage: async (query, authorization, signal) => {
      const headers = authorization ? { authorization } : {};
      return answerOf(await client.GET("/v2/deliveries", { params: { query }, headers, signal }));
    },
  };
}

export function legacySide(baseUrl: string): Readonly<{ send: ParticipantSend }> {
  const client = deliveryClientV1(baseUrl);
  const path = "/v1/deliveries/{id}";
  return {
    send: async ({ method, id, headers, body }, signal) => {
      const init = { params: { path: { id } }, headers, signal, redirect: "manual" as const };
      if (method === "GET") return answerOf(await client.GET(path, init));
      if (method === "DELETE") return answerOf(await client.DELETE(path, init));
      return answerOf(await client.PUT(path, { ...init, body: body as V1Schemas["DeliveryInput"] }));
    },
  };
}

/** The typed client's result as the coordinator reads answers: a refusal's problem is its body too. */
function answerOf(result: { data?: unknown; error?: unknown; response: Response }): Answer {
  const { response } = result;
  return { status: response.status, headers: response.headers, body: result.data ?? result.error };
}
