type SchemaNode = Record<string, unknown>;

/** The parts of an OpenAPI document this reads and extends. */
type GuardableDocument = {
  readonly paths?: Readonly<Record<string, unknown>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
};

/**
 * Keys the JSON body guard refuses anywhere in a body (see `json-guards.ts`): MongoDB operators and paths
 * (`$x`, `a.b`) and prototype keys. As a JSON Schema pattern, so the documents say what a 400 is for.
 */
const SAFE_KEY = { pattern: "^(?!\\$)(?!(?:__proto__|constructor|prototype)$)[^.]*$" };
const SAFE_VALUE_REF = { $ref: "#/components/schemas/SafeJsonValue" };

/** Any JSON a member the contract does not know may hold: accepted and ignored, if the guard lets it in. */
const SAFE_JSON_VALUE = {
  description: "A member the contract does not know: ignored (tolerant reader), if its keys are safe.",
  anyOf: [
    { type: ["string", "number", "boolean", "null"] },
    { type: "array", items: SAFE_VALUE_REF },
    { type: "object", propertyNames: SAFE_KEY, additionalProperties: SAFE_VALUE_REF },
  ],
};

/**
 * States the kit's body guards in every request body schema: each object's keys must be safe, and the
 * members a contract does not name are accepted and ignored (not a 400) as long as they are safe too.
 */
export function documentBodyGuards<Document extends GuardableDocument>(document: Document): Document {
  const guardNode = nodeGuard((document.components?.schemas ?? {}) as Record<string, SchemaNode>);
  let guarded = false;
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { requestBody?: unknown }>)) {
      const content = (operation.requestBody as { content?: Record<string, { schema?: SchemaNode }> })?.content;
      for (const media of Object.values(content ?? {})) {
        if (!media.schema) continue;
        guardNode(media.schema);
        guarded = true;
      }
    }
  }
  if (!guarded) return document;
  const components = {
    ...document.components,
    schemas: { ...document.components?.schemas, SafeJsonValue: SAFE_JSON_VALUE },
  };
  return { ...document, components };
}

/** Guards a schema and what it references: a component a request body uses is guarded once, where it is defined. */
function nodeGuard(components: Record<string, SchemaNode>) {
  const guardedComponents = new Set<string>();
  const guardNode = (node: SchemaNode): void => {
    const component = typeof node.$ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
    if (component !== undefined && components[component] && !guardedComponents.has(component)) {
      guardedComponents.add(component);
      guardNode(components[component]);
    }
    if (node.type === "object") {
      node.propertyNames = SAFE_KEY;
      node.additionalProperties ??= SAFE_VALUE_REF;
    }
    const children = [
      ...Object.values((node.properties as Record<string, SchemaNode> | undefined) ?? {}),
      ...(node.items ? [node.items as SchemaNode] : []),
      ...["anyOf", "oneOf", "allOf"].flatMap((key) => (node[key] as SchemaNode[] | undefined) ?? []),
    ];
    for (const child of children) guardNode(child);
  };
  return guardNode;
}
