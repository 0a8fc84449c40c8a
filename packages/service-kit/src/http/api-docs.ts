import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Router from "@koa/router";
import type { AppState } from "./app-context.ts";

export type ApiDocsOptions = {
  readonly title: string;
  /** The OpenAPI documents to browse, first one shown first. */
  readonly specs: readonly { readonly url: string; readonly name: string }[];
};

/** Swagger UI's files come from the swagger-ui-dist package, served by the service itself: no CDN needed. */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};

/** `GET /docs`: a browsable page over the service's OpenAPI documents. */
export function apiDocsRoutes(options: ApiDocsOptions): Router<AppState> {
  const router = new Router<AppState>();
  const page = renderPage(options);
  router.get("/docs", (ctx) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = page;
  });
  router.get("/docs/:asset", (ctx, next) => {
    const type = ASSETS[ctx.params.asset ?? ""];
    if (!type) return next();
    ctx.type = type;
    ctx.set("Cache-Control", "public, max-age=86400");
    ctx.body = createReadStream(join(SWAGGER_UI_DIR, ctx.params.asset ?? ""));
    return undefined;
  });
  return router;
}

function renderPage(options: ApiDocsOptions): string {
  const urls = JSON.stringify(options.specs.map((spec) => ({ url: spec.url, name: spec.name })));
  const title = options.title.replace(/[<>&"]/g, "");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body>
<div id="docs"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  urls: ${urls},
  dom_id: "#docs",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
});
</script>
</body>
</html>
`;
}
