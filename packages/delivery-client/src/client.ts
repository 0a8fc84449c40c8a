import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths as V1Paths } from "./generated/v1.ts";
import type { paths as V2Paths } from "./generated/v2.ts";

export type { V1Paths, V2Paths };

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
