import indefinite from "indefinite";
import pluralize from "pluralize";

/** Every spelling of the service's and the aggregate's names that the templates use. */
export type Names = Readonly<{
  /** `invoicing`: the folder, the package (`@scope/invoicing`), the compose service. */
  service: string;
  /** `invoicing`: the default database name (dashes are not welcome there). */
  serviceDb: string;
  /** `Invoicing`: in the API's title. */
  ServiceTitle: string;
  /** `invoicing`, `purchaseOrders`: the service's declaration (`export const invoicing = defineService(...)`). */
  serviceVar: string;
  /** `PurchaseOrder`, `purchaseOrder`, `PurchaseOrders`, `purchaseOrders`: types and variables. */
  Aggregate: string;
  aggregate: string;
  Aggregates: string;
  aggregates: string;
  /** `PURCHASE_ORDERS`: constants. */
  AGGREGATES: string;
  /** `purchase-order`, `purchase-orders`: file names and URL paths. */
  aggregateFile: string;
  aggregatesPath: string;
  /** `purchase_order`, `purchase_orders`: error codes and the collection. */
  aggregateCode: string;
  aggregatesCollection: string;
  /** `purchase order`, `Purchase order`, `purchase orders`: prose; `a purchase order`, `an invoice`. */
  aggregateWords: string;
  anAggregateWords: string;
  AggregateWords: string;
  aggregatesWords: string;
  /** The prefix of the ids tests make. */
  idPrefix: string;
}>;

const SERVICE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/;
const MAX_LENGTH = 40;

/** Folders and packages the repository has or means: a service by one of these names would shadow it. */
const RESERVED_SERVICE_NAMES = new Set([
  "contracts",
  "coordination",
  "docker",
  "docs",
  "kit",
  "local",
  "node-modules",
  "operations",
  "packages",
  "service-kit",
  "services",
  "starter",
  "test",
  "testing",
  "tools",
]);

/**
 * Names the generated code would collide with: words JavaScript reserves (the aggregate's camelCase name
 * is a variable), globals the code uses, and the types the kit and the template already name.
 */
const RESERVED_AGGREGATE_WORDS = new Set([
  ..."break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined".split(
    " ",
  ),
]);
const RESERVED_AGGREGATE_NAMES = new Set([
  "App",
  "Array",
  "Config",
  "Date",
  "Error",
  "Function",
  "Headers",
  "Link",
  "Map",
  "Number",
  "Object",
  "Operation",
  "Page",
  "PageRequest",
  "Precondition",
  "Problem",
  "Promise",
  "Record",
  "Request",
  "Response",
  "Revision",
  "Route",
  "Service",
  "Set",
  "String",
  "Symbol",
  "Url",
]);

/** Why the service name cannot be used, or undefined when it can. */
export function serviceNameProblem(name: string): string | undefined {
  if (!SERVICE_NAME.test(name) || name.length > MAX_LENGTH) {
    return `"${name}" is not a valid service name: use lowercase letters, digits and single dashes, starting with a letter, at most ${MAX_LENGTH} characters (for example invoicing or order-history)`;
  }
  if (RESERVED_SERVICE_NAMES.has(name)) return `"${name}" is reserved in this repository: choose another service name`;
  // The service's declaration is a variable named after it.
  if (RESERVED_AGGREGATE_WORDS.has(name)) return `"${name}" is a word JavaScript reserves: choose another service name`;
  return undefined;
}

/** Why the aggregate name cannot be used, or undefined when it can. */
export function aggregateNameProblem(name: string): string | undefined {
  if (!PASCAL_CASE.test(name) || name.length > MAX_LENGTH) {
    return `"${name}" is not a PascalCase aggregate name: use words that each start with a capital letter followed by lowercase letters or digits, at most ${MAX_LENGTH} characters (for example Invoice or PurchaseOrder)`;
  }
  const plural = pluralize(name);
  if (plural === name) {
    return `"${name}" reads the same in the plural, so the collection and the item would share names: choose a countable noun (for example Measurement instead of Data)`;
  }
  if (RESERVED_AGGREGATE_NAMES.has(name) || RESERVED_AGGREGATE_NAMES.has(plural)) {
    return `"${name}" collides with a name the generated code already uses: choose a more specific one (for example Invoice${name})`;
  }
  for (const word of [lowerFirst(name), lowerFirst(plural)]) {
    if (RESERVED_AGGREGATE_WORDS.has(word)) {
      return `"${name}" would make "${word}", a word JavaScript reserves, a variable name: choose another name`;
    }
  }
  return undefined;
}

export function namesOf(service: string, aggregate: string): Names {
  const plural = pluralize(aggregate);
  const words = splitWords(aggregate);
  const pluralWords = splitWords(plural);
  return {
    service,
    serviceDb: service.replaceAll("-", "_"),
    ServiceTitle: service
      .split("-")
      .map((word) => upperFirst(word))
      .join(" "),
    serviceVar: lowerFirst(
      service
        .split("-")
        .map((word) => upperFirst(word))
        .join(""),
    ),
    Aggregate: aggregate,
    aggregate: lowerFirst(aggregate),
    Aggregates: plural,
    aggregates: lowerFirst(plural),
    AGGREGATES: pluralWords.join("_").toUpperCase(),
    aggregateFile: words.join("-"),
    aggregatesPath: pluralWords.join("-"),
    aggregateCode: words.join("_"),
    aggregatesCollection: pluralWords.join("_"),
    aggregateWords: words.join(" "),
    anAggregateWords: indefinite(words.join(" ")),
    AggregateWords: upperFirst(words.join(" ")),
    aggregatesWords: pluralWords.join(" "),
    idPrefix: words.join("-"),
  };
}

/** `PurchaseOrder` -> `["purchase", "order"]`. */
function splitWords(pascal: string): string[] {
  return (pascal.match(/[A-Z][a-z0-9]*/g) ?? [pascal]).map((word) => word.toLowerCase());
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
