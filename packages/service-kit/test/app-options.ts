import { pino } from "pino";
import { commonErrorMap } from "../src/http/error-map.ts";
import type { ApiInfo } from "../src/http/openapi/openapi-document.ts";
import type { Route } from "../src/http/routes/route.ts";
import type { ServiceAppOptions } from "../src/http/service-app.ts";

/** The documents' servers, contact and license in tests. */
export const TEST_API_INFO: ApiInfo = {
  serverUrl: "http://localhost:3000",
  contact: { name: "Test team" },
  license: { name: "Proprietary" },
  tokenUrl: "https://issuer.test/oauth2/token",
};

/** A test app of the given routes: a silent log, the common errors, a database that always answers. */
export function testAppOptions(routes: readonly Route[], more: Partial<ServiceAppOptions> = {}): ServiceAppOptions {
  return {
    logger: pino({ level: "silent" }),
    errorMap: commonErrorMap,
    isUnavailable: () => false,
    ready: async () => true,
    limits: { bodyLimitBytes: 1_024, jsonMaxDepth: 8 },
    routes,
    ...more,
  };
}
