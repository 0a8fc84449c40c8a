import * as v2 from "@starter/contracts/v2";

/** A PUT of the documented example under `id`, its body read; what the suite's parts look at of the answer. */
export async function putDelivery(
  url: string,
  id: string,
  signal?: AbortSignal,
): Promise<{ status: number; headers: Headers }> {
  const response = await fetch(`${url}/v2/deliveries/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(v2.deliveryInputExample),
    ...(signal && { signal }),
  });
  await response.arrayBuffer();
  return { status: response.status, headers: response.headers };
}
