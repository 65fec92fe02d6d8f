import { describe, expect, it } from "vitest";
import { date, dateTime, dateTimeFromText, decimal, readDate, readDateTime, readDateTimeText, readDecimal } from "./values";

describe("Tryton values", () => {
  it("sends decimals as strings, never floats", () => {
    expect(decimal("19.99")).toEqual({ __class__: "Decimal", decimal: "19.99" });
    expect(readDecimal({ __class__: "Decimal", decimal: "0.10" })).toBe("0.10");
    expect(readDecimal(3)).toBe("3");
    expect(() => readDecimal("abc")).toThrow(/Decimal/);
  });

  it("sends calendar dates in UTC and reads them back", () => {
    expect(date("2026-11-28T23:30:00.000Z")).toEqual({ __class__: "date", year: 2026, month: 11, day: 28 });
    expect(readDate({ __class__: "date", year: 2026, month: 3, day: 7 })).toBe("2026-03-07");
    expect(readDate(null)).toBeNull();
  });

  it("keeps trytond's microseconds in cursor text, which a Date would lose", () => {
    const stamp = { __class__: "datetime", year: 2026, month: 11, day: 28, hour: 14, minute: 5, second: 9, microsecond: 123456 };
    expect(readDateTimeText(stamp)).toBe("2026-11-28T14:05:09.123456Z");
    expect(dateTimeFromText("2026-11-28T14:05:09.123456Z")).toEqual(stamp);
    expect(readDateTime(stamp)?.toISOString()).toBe("2026-11-28T14:05:09.123Z");
    expect(dateTime(new Date("2026-11-28T14:05:09.123Z")).microsecond).toBe(123000);
    expect(() => dateTimeFromText("yesterday")).toThrow(/ISO/);
  });
});
