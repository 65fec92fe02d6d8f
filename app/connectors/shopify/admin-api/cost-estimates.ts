/**
 * What each operation cost last time (Shopify's requestedQueryCost), the best guess of what
 * the next call will need. Cost depends on the document and its page sizes, not on the shop,
 * so one table serves every shop.
 */
export class CostEstimates {
  private readonly byOperation = new Map<string, number>();

  constructor(
    /** For an operation never seen: 1000 is the most Shopify accepts in one query. */
    private readonly defaultCost = 1000,
  ) {}

  /** The caller's estimate, else the last requested cost of the operation, else the default. */
  estimate(operation: string, callerEstimate?: number): number {
    return callerEstimate ?? this.byOperation.get(operation) ?? this.defaultCost;
  }

  /** Remembers Shopify's requested cost for the operation. */
  record(operation: string, requestedQueryCost: number): void {
    this.byOperation.set(operation, requestedQueryCost);
  }
}
