import type { ServiceConfig } from "../../config/index.ts";
import type { ApiInfo } from "./openapi-document.ts";

/** The documents' `servers`, `info.contact` and `info.license`, from the service's configuration. */
export function apiInfoOf(config: ServiceConfig): ApiInfo {
  const { API_CONTACT_URL: url, API_CONTACT_EMAIL: email } = config;
  return {
    serverUrl: config.API_SERVER_URL ?? `http://localhost:${config.PORT}`,
    contact: { name: config.API_CONTACT_NAME, ...(url && { url }), ...(email && { email }) },
    license: { name: config.API_LICENSE_NAME },
    tokenUrl: config.AUTH_TOKEN_URL,
  };
}
