import { InvalidRequestError } from "../errors/index.ts";

/**
 * A PUT body may name the resource's id; when it does it must be the URL's, or the client would write one
 * resource believing it wrote another. The URL's id is the identity (the body's is only checked).
 */
export function assertBodyIdMatches(bodyId: string | undefined, urlId: string): void {
  if (bodyId === undefined || bodyId === urlId) return;
  throw new InvalidRequestError("the id in the body differs from the id in the URL", [
    { path: ["id"], detail: `must be ${urlId} or absent` },
  ]);
}
