import createClient, { type ClientOptions } from "openapi-fetch";
import type { components as V1Components, paths as V1Paths } from "./generated/v1.ts";
import type { components as V2Components, paths as V2Paths } from "./generated/v2.ts";

export type { V1Paths, V2Paths };
/** The documents' components by name, as a consumer's types: `V2Schemas["Delivery"]`, `V2Schemas["DeliveryInput"]`. */
export type V1Schemas = V1Components["schemas"];
export type V2Schemas = V2Components["schemas"];

/**
 * A typed client of one major of the Delivery API: paths, parameters, bodies and answers come from the
 * committed document, so a contract change that breaks a caller breaks its build.
 *
 * ```ts
 * const client = deliveryClientV2("http://127.0.0.1:3000");
 * const { data, response } = await client.GET("/v2/deliveries/{id}", { params: { path: { id: "d-1" } } });
 * ```
 */
export function deliveryClientV2(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}) {
  return createClient<V2Paths>({ ...options, baseUrl });
}

export function deliveryClientV1(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}) {
  return createClient<V1Paths>({ ...options, baseUrl });
}
