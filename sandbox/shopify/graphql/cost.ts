import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  GraphQLSkipDirective,
  GraphQLIncludeDirective,
  getDirectiveValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { argumentValues } from "./values";

/**
 * Shopify's calculated query cost (shopify.dev "GraphQL Admin API rate limits"):
 * scalars and enums 0, objects 1, interfaces/unions the maximum over possible selections,
 * connections 2 + (first|last) x cost of one node (the node object itself counts 1),
 * and every mutation field 10.
 */
export const MUTATION_FIELD_COST = 10;
export const CONNECTION_BASE_COST = 2;
export const OBJECT_COST = 1;

/** A Relay connection: *Connection type with pageInfo and edges or nodes. */
export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

function isEdgeType(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith("Edge") && "node" in type.getFields() && "cursor" in type.getFields();
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(w: Walk, node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, w.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, w.variables)?.if !== false;
}

/** Fields a selection set selects on a concrete type, through fragments. */
function collectFields(w: Walk, set: SelectionSetNode, type: GraphQLObjectType, out: FieldNode[] = []): FieldNode[] {
  for (const sel of set.selections) {
    if (!included(w, sel)) continue;
    if (sel.kind === Kind.FIELD) out.push(sel);
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : w.fragments[sel.name.value];
      if (!frag) continue;
      const cond = frag.typeCondition ? w.schema.getType(frag.typeCondition.name.value) : type;
      if (!cond) continue;
      const applies = cond === type || (isAbstractType(cond) && w.schema.isSubType(cond, type));
      if (applies) collectFields(w, frag.selectionSet, type, out);
    }
  }
  return out;
}

function selectionCost(w: Walk, set: SelectionSetNode | undefined, type: GraphQLCompositeType): number {
  if (!set) return 0;
  if (isAbstractType(type)) {
    return Math.max(0, ...w.schema.getPossibleTypes(type).map((t) => selectionCost(w, set, t)));
  }
  const objectType = type as GraphQLObjectType;
  const fields = objectType.getFields();
  let total = 0;
  for (const field of collectFields(w, set, objectType)) {
    const def = fields[field.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named)) continue;
    if (isConnectionType(named)) {
      const args = argumentValues(def, field, w.variables) as { first?: number; last?: number };
      const size = args.first ?? args.last ?? 0;
      total += CONNECTION_BASE_COST + size * nodeCost(w, field.selectionSet, named);
    } else {
      total += OBJECT_COST + selectionCost(w, field.selectionSet, named as GraphQLCompositeType);
    }
  }
  return total;
}

/** The cost of one node of a connection: 1 + what is selected on it via edges.node and nodes. */
function nodeCost(w: Walk, set: SelectionSetNode | undefined, connection: GraphQLObjectType): number {
  if (!set) return OBJECT_COST;
  let inner = 0;
  for (const field of collectFields(w, set, connection)) {
    const def = connection.getFields()[field.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (field.name.value === "nodes") inner += selectionCost(w, field.selectionSet, named as GraphQLCompositeType);
    if (field.name.value === "edges" && isEdgeType(named) && field.selectionSet) {
      for (const edgeField of collectFields(w, field.selectionSet, named)) {
        if (edgeField.name.value !== "node") continue;
        const nodeType = getNamedType(named.getFields().node.type) as GraphQLCompositeType;
        inner += selectionCost(w, edgeField.selectionSet, nodeType);
      }
    }
  }
  return OBJECT_COST + inner;
}

/** Requested (static, worst-case) cost of an operation. Variables must already be coerced. */
export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const w: Walk = { schema, fragments, variables };
  if (operation.operation === "mutation") {
    const root = schema.getMutationType()!;
    return collectFields(w, operation.selectionSet, root).length * MUTATION_FIELD_COST;
  }
  const root = operation.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
  return root ? selectionCost(w, operation.selectionSet, root) : 0;
}

/**
 * Counts the actual cost while executing: the same rules applied to what resolvers returned
 * (a connection pays for the nodes it returned, not for `first`).
 */
export class ActualCostMeter {
  total = 0;

  record(info: GraphQLResolveInfo, value: unknown): void {
    if (info.operation.operation === "mutation") {
      if (!info.path.prev) this.total += MUTATION_FIELD_COST;
      return;
    }
    const named = getNamedType(info.returnType);
    if (isLeafType(named)) return;
    const parent = info.parentType;
    if (isConnectionType(parent)) {
      if (info.fieldName === "nodes" && Array.isArray(value)) this.total += value.filter((v) => v != null).length;
      return;
    }
    if (isEdgeType(parent)) {
      if (info.fieldName === "node") this.total += OBJECT_COST;
      return;
    }
    this.total += isConnectionType(named) ? CONNECTION_BASE_COST : OBJECT_COST;
  }
}
