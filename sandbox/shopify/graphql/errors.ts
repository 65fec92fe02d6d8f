import type { GraphQLError } from "graphql";

/** A GraphQL error in the shape Shopify's Admin API sends. */
export interface ShopifyGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions: Record<string, unknown> & { code: string };
}

const RULES: [RegExp, (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> & { code: string } }][] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"/,
    (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
    }),
  ],
  [
    /^Field "(\w+)" is not defined by type "(\w+)"/,
    (m) => ({
      message: `InputObject '${m[2]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: "argumentNotAccepted", name: m[2], typeName: "InputObject", argumentName: m[1] },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/,
    (m) => ({
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: "argumentNotAccepted", name: m[3], typeName: "Field", argumentName: m[1] },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided/,
    (m) => ({
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] },
    }),
  ],
  [
    /^Field "(\w+)" of required type "(.+)" was not provided/,
    (m) => ({
      message: `Argument '${m[1]}' on InputObject '${m[2].replace(/!$/, "")}' is required. Expected type ${m[2]}`,
      extensions: { code: "missingRequiredInputObjectAttribute", argumentName: m[1], argumentType: m[2] },
    }),
  ],
  [
    /^Variable "\$(\w+)" got invalid value (.*)$/s,
    (m) => ({
      message: `Variable $${m[1]} was provided invalid value: ${m[2]}`,
      extensions: { code: "INVALID_VARIABLE", value: null, problems: [{ path: [], explanation: m[2] }] },
    }),
  ],
  [
    /^Syntax Error: (.*)$/s,
    (m) => ({ message: `syntax error: ${m[1]}`, extensions: { code: "parseError" } }),
  ],
];

/** Turns a graphql-js error into Shopify's wording and codes where we know them. */
export function toShopifyError(error: GraphQLError, fallbackCode = "GRAPHQL_VALIDATION_FAILED"): ShopifyGraphQLError {
  const locations = error.locations?.map(({ line, column }) => ({ line, column }));
  const path = error.path ? [...error.path] : undefined;
  const own = error.extensions as Record<string, unknown> | undefined;
  if (own && typeof own.code === "string") {
    return { message: error.message, locations, path, extensions: { ...own, code: own.code } };
  }
  for (const [pattern, build] of RULES) {
    const m = pattern.exec(error.message);
    if (m) return { ...build(m), locations, path };
  }
  if (error.originalError && !("extensions" in error.originalError && error.originalError.extensions)) {
    // An unexpected exception inside a resolver: Shopify hides the details.
    return {
      message: "Internal error. Looks like something went wrong on our end.",
      locations,
      path,
      extensions: { code: "INTERNAL_SERVER_ERROR", detail: error.message },
    };
  }
  return { message: error.message, locations, path, extensions: { code: fallbackCode } };
}
