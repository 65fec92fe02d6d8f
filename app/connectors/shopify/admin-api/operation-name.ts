// Fragments ("fragment X on Y") do not match; comments such as "#graphql" are skipped.
const OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m;

/** The name of the document's operation ("OrderForErp"), or the document itself when unnamed. */
export function operationName(document: string): { name: string | undefined; key: string } {
  const name = OPERATION.exec(document)?.[1];
  return { name, key: name ?? document };
}
