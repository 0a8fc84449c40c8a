import { Verifier } from "@pact-foundation/pact";

/** For each provider state a pact's interactions are given in, what puts the provider in that state. */
export type StateHandlers = Readonly<Record<string, () => Promise<unknown>>>;

/**
 * Replays a consumer's pact file against a running provider: resolves when every interaction holds,
 * rejects naming those that do not. The pact file names the provider. Pact logs warnings only, since
 * console output fails a test.
 */
export async function verifyProviderPact(
  pactFile: string,
  providerBaseUrl: string,
  stateHandlers: StateHandlers,
): Promise<void> {
  await new Verifier({
    providerBaseUrl,
    pactUrls: [pactFile],
    logLevel: "warn",
    stateHandlers: Object.fromEntries(
      // Pact wants nothing back from a handler; a test's handler may well return an HTTP response.
      Object.entries(stateHandlers).map(([state, handler]) => [state, () => handler().then(() => undefined)]),
    ),
  }).verifyProvider();
}
