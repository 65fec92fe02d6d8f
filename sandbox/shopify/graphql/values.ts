import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from "graphql";

/*
 * graphql-js keeps these helpers in graphql/execution/values, a deep import that loads a second
 * copy of graphql under vite (ESM main, CJS subpath); rebuilt here from public APIs.
 */

/** A field's argument values, defaults applied. */
export function argumentValues(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of def.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    if (!given) {
      if (arg.defaultValue !== undefined) out[arg.name] = arg.defaultValue;
      continue;
    }
    const value = valueFromAST(given.value, arg.type, variables);
    if (value !== undefined) out[arg.name] = value;
  }
  return out;
}

/** Coerces request variables against the operation's definitions. */
export function coerceVariables(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
): { coerced: Record<string, unknown> } | { errors: GraphQLError[] } {
  const coerced: Record<string, unknown> = {};
  const errors: GraphQLError[] = [];
  for (const def of definitions) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type as never);
    if (!type || !isInputType(type)) {
      errors.push(new GraphQLError(`Variable "$${name}" expected value of type "${def.type.kind}" which cannot be used as an input type.`, { nodes: def }));
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
      if (def.defaultValue) coerced[name] = valueFromAST(def.defaultValue, type);
      else if (isNonNullType(type)) {
        errors.push(new GraphQLError(`Variable "$${name}" of required type "${String(type)}" was not provided.`, { nodes: def }));
      }
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) {
      errors.push(new GraphQLError(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`, { nodes: def }));
      continue;
    }
    coerced[name] = coerceInputValue(value, type, (path, invalid, error) => {
      const at = path.length ? ` at "${name}.${path.join(".")}"` : "";
      errors.push(new GraphQLError(`Variable "$${name}" got invalid value ${JSON.stringify(invalid)}${at}; ${error.message}`, { nodes: def }));
    });
  }
  return errors.length ? { errors } : { coerced };
}
