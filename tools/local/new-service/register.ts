import { isMap, isSeq, parse, parseDocument, Scalar } from "yaml";
import { declaredServices } from "../services.ts";

/** Where the local layout starts numbering services, and the lowest port a generated one gets. */
const FIRST_PORT = 3000;

/**
 * The next port after every one the local layout gives a service of ours (services' package.json, and the
 * compose file's services built from this repository); the tools' ports (Grafana, Prometheus) do not count.
 */
export function nextFreePort(repoRoot: string, composeText: string): number {
  const declared = declaredServices(repoRoot).map((service) => service.port);
  const services = (parse(composeText) as { services?: Record<string, ComposeService> }).services ?? {};
  const published = Object.values(services)
    .filter((service) => service.build !== undefined)
    .flatMap((service) => service.ports ?? [])
    .map((mapping) => Number(/^127\.0\.0\.1:(\d+):\d+$/.exec(mapping)?.[1]))
    .filter((port) => Number.isInteger(port));
  return Math.max(FIRST_PORT - 1, ...declared, ...published) + 1;
}

type ComposeService = { build?: unknown; ports?: string[] };

/** The compose file with the new service added (comments and order kept), built like every other service. */
export function composeWithService(composeText: string, service: string, serviceDb: string, port: number): string {
  const document = parseDocument(composeText);
  const services = document.get("services");
  if (!isMap(services)) throw new Error("docker/compose.yaml has no services map");
  if (services.has(service)) throw new Error(`docker/compose.yaml already has a service named ${service}`);
  const key = new Scalar(service);
  key.spaceBefore = true; // a blank line between services, as above
  const block = document.createNode({
    build: { context: "..", dockerfile: "docker/Dockerfile", args: { SERVICE: service } },
    labels: { "prometheus.scrape": doubleQuoted("true"), "prometheus.port": doubleQuoted(String(port)) },
    environment: {
      PORT: String(port),
      AUTH_MODE: "off",
      MONGODB_URI: "mongodb://mongo:27017/?directConnection=true",
      MONGODB_DB: serviceDb,
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318",
    },
    ports: [doubleQuoted(`127.0.0.1:${port}:${port}`)],
    depends_on: { mongo: { condition: "service_healthy" } },
    stop_grace_period: "15s",
  });
  services.items.push(document.createPair(key, block));
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Written as the file's other port mappings are: "127.0.0.1:3000:3000". */
function doubleQuoted(text: string): Scalar<string> {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/**
 * The local Kubernetes overlay with the new service's base added, its database URI (the overlay's own
 * MongoDB) and its locally built image, named as the overlay's other images are.
 */
export function localOverlayWithService(overlayText: string, service: string): string {
  const document = parseDocument(overlayText);
  const resources = document.get("resources");
  const secrets = document.get("secretGenerator");
  const images = document.get("images");
  if (!isSeq(resources) || !isSeq(secrets) || !isSeq(images)) {
    throw new Error("docker/k8s/overlays/local/kustomization.yaml needs resources, secretGenerator and images lists");
  }
  const base = `../../base/${service}`;
  if (resources.items.some((item) => String((item as Scalar).value) === base)) {
    throw new Error(`the local overlay already has ${base}`);
  }
  const image = (images.toJSON() as { name: string }[])[0]?.name ?? "delivery-starter/delivery";
  const imagePrefix = image.slice(0, image.lastIndexOf("/") + 1);
  resources.add(base);
  secrets.add(
    document.createNode({ name: `${service}-mongodb`, literals: ["uri=mongodb://mongo:27017/?directConnection=true"] }),
  );
  images.add(document.createNode({ name: `${imagePrefix}${service}`, newTag: "local" }));
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
