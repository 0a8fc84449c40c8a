import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { z } from "zod";
import type { VersionRegistry } from "../../versions/index.ts";
import { defineRoute, type Route } from "../routes/route.ts";

export type DocsPageOptions = Readonly<{ title: string; versions: VersionRegistry }>;

/** Swagger UI's files come from the swagger-ui-dist package, served by the service itself: no CDN needed. */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};

/** `GET /docs`: a browsable page over the documents of the served majors, newest first. Versionless paths. */
export function docsPageRoutes(options: DocsPageOptions): Route[] {
  const specs = options.versions.supported
    .toSorted((a, b) => b - a)
    .map((major) => ({ url: `/v${major}/openapi.json`, name: `v${major} (${options.versions.find(major)?.state})` }));
  const page = renderPage(options.title, specs);
  return [
    defineRoute({
      operationId: "getDocsPage",
      method: "get",
      path: "/docs",
      summary: "The browsable API documents",
      description: "An HTML page that renders the documents of every served version, newest first.",
      responses: { "200": { description: "An HTML page." } },
      handle: (ctx) => {
        ctx.type = "text/html; charset=utf-8";
        ctx.body = page;
      },
    }),
    defineRoute({
      operationId: "getDocsAsset",
      method: "get",
      path: "/docs/{asset}",
      summary: "A file of the docs page",
      description: "The scripts and styles the docs page loads, served by the service itself.",
      params: z.object({ asset: z.string() }),
      responses: { "200": { description: "The file." } },
      handle: (ctx, { params: { asset } }) => {
        const type = ASSETS[asset];
        if (!type) return; // unanswered: the error handler's 404
        ctx.type = type;
        ctx.set("Cache-Control", "public, max-age=86400");
        ctx.body = createReadStream(join(SWAGGER_UI_DIR, asset));
      },
    }),
  ];
}

function renderPage(name: string, specs: readonly { url: string; name: string }[]): string {
  const urls = JSON.stringify(specs);
  const title = name.replace(/[<>&"]/g, "");
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
