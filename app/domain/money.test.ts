import { describe, expect, it } from "vitest";
import {
  Money,
  MoneyError,
  addMoney,
  compareMoney,
  divideRounded,
  fromMinorUnits,
  isZeroMoney,
  minorUnits,
  money,
  moneyEquals,
  multiplyMoney,
  normalizeDecimal,
  subtractMoney,
  sumMoney,
  sumMoneyBags,
  toMinorUnits,
  zeroMoneyBag,
} from "./money";

describe("money in minor units", () => {
  it("knows the decimals of JPY, USD and KWD", () => {
    expect([minorUnits("JPY"), minorUnits("USD"), minorUnits("KWD"), minorUnits("EUR")]).toEqual([0, 2, 3, 2]);
  });

  it("writes every amount with exactly its currency's decimals", () => {
    expect(money("10", "USD")).toEqual({ amount: "10.00", currency: "USD" });
    expect(money("10.0", "USD").amount).toBe("10.00");
    expect(money("1500", "JPY").amount).toBe("1500");
    expect(money("1500.00", "JPY").amount).toBe("1500");
    expect(money("1.5", "KWD").amount).toBe("1.500");
    expect(money("-0.00", "EUR").amount).toBe("0.00");
    expect(money("0.5", "EUR").amount).toBe("0.50");
  });

  it("refuses precision the currency cannot hold instead of rounding silently", () => {
    expect(() => money("10.005", "USD")).toThrow(MoneyError);
    expect(() => money("1500.5", "JPY")).toThrow(/more decimals than JPY/);
    expect(money("10.005", "USD", "half-up").amount).toBe("10.01");
  });

  it("refuses text that is not a plain decimal", () => {
    for (const bad of ["1e3", "12,50", "", "abc", "1.2.3", " "]) expect(() => money(bad, "USD")).toThrow(MoneyError);
  });

  it("converts to and from minor units without floats", () => {
    expect(toMinorUnits(money("19.99", "USD"))).toBe(1999n);
    expect(toMinorUnits(money("1500", "JPY"))).toBe(1500n);
    expect(fromMinorUnits(-5n, "USD").amount).toBe("-0.05");
    expect(fromMinorUnits(123456789012345678901234567890n, "KWD").amount).toBe("123456789012345678901234567.890");
  });

  it("the schema accepts only the canonical form", () => {
    expect(Money.safeParse({ amount: "10.00", currency: "USD" }).success).toBe(true);
    expect(Money.safeParse({ amount: "10.0", currency: "USD" }).success).toBe(false);
    expect(Money.safeParse({ amount: "100", currency: "JPY" }).success).toBe(true);
    expect(Money.safeParse({ amount: "100.00", currency: "JPY" }).success).toBe(false);
    expect(Money.safeParse({ amount: "010.00", currency: "USD" }).success).toBe(false);
    expect(Money.safeParse({ amount: "-0.00", currency: "USD" }).success).toBe(false);
    expect(Money.safeParse({ amount: "1.00", currency: "usd" }).success).toBe(false);
  });
});

describe("money arithmetic", () => {
  it("adds exactly where floats do not (0.1 + 0.2)", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addMoney(money("0.10", "USD"), money("0.20", "USD")).amount).toBe("0.30");
  });

  it("sums and subtracts, keeping the currency of an empty sum", () => {
    const prices = ["19.99", "0.01", "80.00"].map((amount) => money(amount, "EUR"));
    expect(sumMoney(prices, "EUR").amount).toBe("100.00");
    expect(sumMoney([], "JPY")).toEqual({ amount: "0", currency: "JPY" });
    expect(subtractMoney(money("5.00", "EUR"), money("7.50", "EUR")).amount).toBe("-2.50");
  });

  it("never mixes currencies", () => {
    expect(() => addMoney(money("1", "USD"), money("1", "EUR"))).toThrow(/cannot combine USD with EUR/);
    expect(() => compareMoney(money("1", "USD"), money("1", "JPY"))).toThrow(MoneyError);
    expect(moneyEquals(money("1", "USD"), money("1", "EUR"))).toBe(false);
  });

  it("compares by value", () => {
    expect(compareMoney(money("9.99", "USD"), money("10", "USD"))).toBe(-1);
    expect(compareMoney(money("10", "USD"), money("10.00", "USD"))).toBe(0);
    expect(compareMoney(money("-1", "USD"), money("-2", "USD"))).toBe(1);
    expect(isZeroMoney(money("0", "KWD"))).toBe(true);
  });

  it("multiplies by quantities and decimal rates, rounding half up by default", () => {
    expect(multiplyMoney(money("19.99", "USD"), 3).amount).toBe("59.97");
    expect(multiplyMoney(money("142.56", "USD"), "0.2").amount).toBe("28.51"); // 28.512
    expect(multiplyMoney(money("0.05", "USD"), "0.5").amount).toBe("0.03"); // 0.025 -> half up
    expect(multiplyMoney(money("0.05", "USD"), "0.5", "half-even").amount).toBe("0.02"); // banker's
    expect(multiplyMoney(money("0.15", "USD"), "0.5", "half-even").amount).toBe("0.08"); // 0.075 -> even 8
    expect(multiplyMoney(money("-0.05", "USD"), "0.5").amount).toBe("-0.03"); // halves away from zero
  });

  it("rounds JPY to whole yen", () => {
    expect(multiplyMoney(money("1650", "JPY"), "0.1").amount).toBe("165");
    expect(multiplyMoney(money("1005", "JPY"), "0.1").amount).toBe("101"); // 100.5
    expect(multiplyMoney(money("1005", "JPY"), "0.1", "half-even").amount).toBe("100");
    expect(multiplyMoney(money("999", "JPY"), "1.08").amount).toBe("1079"); // 1078.92
  });

  it("keeps KWD's three decimals", () => {
    expect(multiplyMoney(money("1.255", "KWD"), "0.5").amount).toBe("0.628"); // 0.6275
    expect(addMoney(money("0.001", "KWD"), money("0.009", "KWD")).amount).toBe("0.010");
  });

  it("refuses a float factor (it would carry binary error)", () => {
    expect(() => multiplyMoney(money("1", "USD"), 0.1)).toThrow(/decimal string/);
  });

  it("divides with the requested rounding", () => {
    expect(divideRounded(7n, 2n, "half-up")).toBe(4n);
    expect(divideRounded(7n, 2n, "half-even")).toBe(4n);
    expect(divideRounded(5n, 2n, "half-even")).toBe(2n);
    expect(divideRounded(-5n, 2n, "half-up")).toBe(-3n);
    expect(divideRounded(5n, -2n, "half-up")).toBe(-3n);
    expect(() => divideRounded(1n, 0n, "half-up")).toThrow(MoneyError);
  });

  it("sums bags side by side in shop and presentment currency", () => {
    const bag = (shop: string, presentment: string) => ({ shop: money(shop, "EUR"), presentment: money(presentment, "USD") });
    const total = sumMoneyBags([bag("1.10", "1.21"), bag("2.20", "2.42")], zeroMoneyBag("EUR", "USD"));
    expect(total).toEqual(bag("3.30", "3.63"));
  });

  it("normalises rates and percentages to their shortest text", () => {
    expect(normalizeDecimal("10.0")).toBe("10");
    expect(normalizeDecimal("0.060")).toBe("0.06");
    expect(normalizeDecimal("100")).toBe("100");
    expect(normalizeDecimal("-0.0")).toBe("0");
  });
});
