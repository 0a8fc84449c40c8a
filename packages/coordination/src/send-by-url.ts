import type { ParticipantSend } from "./participant.ts";

/**
 * Sends a participant's requests with fetch to `baseUrl + resourcePath(id)`, for a participant without a
 * typed client of its API. Redirects are answers, not followed.
 */
export function sendByUrl(baseUrl: string, resourcePath: (id: string) => string): ParticipantSend {
  return async (request, signal) => {
    const response = await fetch(`${baseUrl}${resourcePath(request.id)}`, {
      method: request.method,
      headers: { ...request.headers, ...(request.body !== undefined && { "content-type": "application/json" }) },
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal,
      redirect: "manual",
    });
    return { status: response.status, headers: response.headers, body: parseJson(await response.text()) };
  };
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
