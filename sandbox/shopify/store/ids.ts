/**
 * Issues numeric ids as decimal strings. With `beyondSafeIntegers` the sequence starts above
 * 2^53, so any place that turns an id into a JS number loses digits and a test can catch it.
 */
export interface IdGenerator {
  next(): string;
}

const NORMAL_START = 5_800_000_000_000n;
/** 2^53 + 1: the first integer a double cannot hold. */
const BIG_START = 9_007_199_254_740_993n;

export function idGenerator(options: { beyondSafeIntegers?: boolean; firstId?: bigint } = {}): IdGenerator {
  let current = options.firstId ?? (options.beyondSafeIntegers ? BIG_START : NORMAL_START);
  return {
    next() {
      const id = current.toString();
      // Step by 2 so big ids stay odd, i.e. never representable as a double.
      current += 2n;
      return id;
    },
  };
}

/** Compares two decimal id strings numerically. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
