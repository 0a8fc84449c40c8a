/** The strong ETag an answer carries, to send back in If-Match; an answer without one is a broken contract. */
export function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  if (!etag) throw new Error(`${response.url} answered ${response.status} without an ETag`);
  return etag;
}

/** Replace only the state the client saw: a 412 means someone changed it since (read it again, then decide). */
export function ifMatch(etag: string): { "If-Match": string } {
  return { "If-Match": etag };
}

/** Create only: a 412 means the id is taken. */
export const CREATE_ONLY = { "If-None-Match": "*" } as const;
