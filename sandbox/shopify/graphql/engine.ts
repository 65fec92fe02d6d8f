import {
  defaultFieldResolver,
  execute,
  getNamedType,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";
import { coerceVariables } from "./values";
import type { ResolverContext, ResolverMap } from "../resolvers/types";
import type { LeakyBucket, ThrottleStatus } from "./bucket";
import { paginate, type ConnectionArgs } from "./connection";
import { ActualCostMeter, isConnectionType, requestedQueryCost } from "./cost";
import { toShopifyError, type ShopifyGraphQLError } from "./errors";
import { SINGLE_QUERY_MAX_COST } from "./plans";

export interface GraphQLRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphQLResponseBody {
  data?: unknown;
  errors?: ShopifyGraphQLError[];
  extensions?: { cost: CostExtension };
}

const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

/** Cursor key of a view: its gid, or an explicit key for id-less objects. */
function keyOf(item: unknown): string {
  const v = item as { id?: unknown; __key?: unknown };
  return String(v.id ?? v.__key);
}

/**
 * The field resolver for a client schema: the resolver map first ("Type.field"), then the
 * source's property (called when it is a function), then arrays returned for connection
 * fields are paged with Relay semantics.
 */
export function makeFieldResolver(resolvers: ResolverMap, meter: ActualCostMeter): GraphQLFieldResolver<unknown, ResolverContext> {
  return (source, args, ctx, info) => {
    const own = resolvers[`${info.parentType.name}.${info.fieldName}`];
    let value: unknown;
    if (own) value = own(source, args, ctx, info);
    else {
      const prop = source && typeof source === "object" ? (source as Record<string, unknown>)[info.fieldName] : undefined;
      value = typeof prop === "function" ? prop(args, ctx, info) : prop === undefined ? defaultFieldResolver(source, args, ctx, info) : prop;
    }
    const named = getNamedType(info.returnType);
    if (Array.isArray(value) && isConnectionType(named)) value = paginate(value, args as ConnectionArgs, keyOf);
    meter.record(info, value);
    return value === undefined ? null : value;
  };
}

const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
  const name = (value as { __typename?: unknown })?.__typename;
  if (typeof name !== "string") throw new Error("abstract value without __typename");
  return name;
};

const documentCache = new Map<string, DocumentNode>();

/** Parses and validates once per distinct document text (apps send the same few documents). */
function parseAndValidate(schema: GraphQLSchema, text: string): DocumentNode | readonly GraphQLError[] {
  const hit = documentCache.get(text);
  if (hit) return hit;
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (e) {
    if (e instanceof GraphQLError) return [e];
    throw e;
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return errors;
  if (documentCache.size > 500) documentCache.clear();
  documentCache.set(text, document);
  return document;
}

export interface RunOptions {
  schema: GraphQLSchema;
  resolvers: ResolverMap;
  request: GraphQLRequest;
  context: ResolverContext;
  bucket: LeakyBucket;
}

/** validate -> cost -> bucket -> execute -> refund, answering as Shopify does (HTTP 200 bodies). */
export async function runGraphQL({ schema, resolvers, request, context, bucket }: RunOptions): Promise<GraphQLResponseBody> {
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return { errors: [{ message: "No query string was present", extensions: { code: "BAD_REQUEST" } }] };
  }
  const parsed = parseAndValidate(schema, request.query);
  if (!("kind" in parsed)) return { errors: parsed.map((e) => toShopifyError(e)) };
  const document = parsed as DocumentNode;

  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return { errors: [{ message: "An operation name is required", extensions: { code: "BAD_REQUEST" } }] };
  }
  const rawVariables = (request.variables ?? {}) as Record<string, unknown>;
  const coerced = coerceVariables(schema, operation.variableDefinitions ?? [], rawVariables);
  if ("errors" in coerced) return { errors: coerced.errors.map((e) => toShopifyError(e, "INVALID_VARIABLE")) };

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const requested = requestedQueryCost(schema, operation, fragments, coerced.coerced);

  if (requested > SINGLE_QUERY_MAX_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\nSee ${RATE_LIMIT_DOCS} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/docs/api/usage/bulk-operations/queries for usage details.\n`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST, documentation: RATE_LIMIT_DOCS },
        },
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  if (!bucket.tryTake(requested)) {
    return {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }

  const meter = new ActualCostMeter();
  const result = await execute({
    schema,
    document,
    operationName,
    rootValue: {},
    contextValue: context,
    variableValues: rawVariables,
    fieldResolver: makeFieldResolver(resolvers, meter),
    typeResolver,
  });
  // Shopify never charges more than it asked for; the difference goes back into the bucket.
  const actual = Math.min(meter.total, requested);
  bucket.refund(requested - actual);
  const body: GraphQLResponseBody = {};
  if (result.errors?.length) body.errors = result.errors.map((e) => toShopifyError(e, "INTERNAL_SERVER_ERROR"));
  body.data = result.data ?? null;
  body.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } };
  return body;
}
