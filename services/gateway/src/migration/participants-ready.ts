/** Readiness of the gateway includes its participants: both must answer their own /readyz in time. */
export async function participantsReady(
  urls: { legacyUrl: string; newUrl: string },
  timeoutMs: number,
): Promise<boolean> {
  const ready = (base: string) =>
    fetch(`${base}/readyz`, { signal: AbortSignal.timeout(timeoutMs) }).then(
      (response) => response.ok,
      () => false,
    );
  const [legacy, fresh] = await Promise.all([ready(urls.legacyUrl), ready(urls.newUrl)]);
  return legacy && fresh;
}
