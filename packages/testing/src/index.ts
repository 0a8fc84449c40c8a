export { type HttpRequest, type HttpResponse, http, httpRawPath } from "./http-client.ts";
export { logLinesInto } from "./log-lines.ts";
export { metricValue } from "./prometheus-text.ts";
export { type RunningApp, startApp } from "./start-app.ts";
export { type StartableService, type StartServiceOptions, startService, useService } from "./start-service.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
export { connectTestDatabase, type TestDatabase, testServer } from "./test-database.ts";
export { startTokenIssuer, type TokenIssuer, type TokenIssuerOptions } from "./token-issuer.ts";
export { uniqueId } from "./unique-id.ts";
