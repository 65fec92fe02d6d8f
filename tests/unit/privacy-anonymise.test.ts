import { describe, expect, it } from "vitest";
import { anonymiseStored, anonymiseValue, identifyingValues, needleMatcher, REDACTED_TEXT, scrubText } from "~/flows/privacy/anonymise";
import { parseExact, stringifyExact } from "~/flows/privacy/exact-json";
import { cleanSubject, mentionsId, subjectKey } from "~/flows/privacy/subject";

const ORDER = `{"id":9007199254740993,"name":"#1001","email":"ada@example.org","phone":"+16135550147","note":"Call Ada first",
"total_price":"10.00","browser_ip":"203.0.113.7","client_details":{"user_agent":"Mozilla"},
"customer":{"id":18446744073709551615,"email":"ada@example.org","first_name":"Ada","last_name":"Quill","name":"Ada Quill","tags":"vip",
"default_address":{"address1":"17 Juniper Lane","city":"Marrowvale","zip":"K7L 4V1","country":"Canada","name":"Ada Quill","latitude":45.1}},
"shipping_address":{"name":"Ada Quill","address1":"17 Juniper Lane","company":"Quillworks","province":"Ontario","country_code":"CA"},
"line_items":[{"id":1,"name":"Tee - Blue","sku":"TEE-1","price":"10.00","properties":[{"name":"gift","value":"for Ada Quill"}]}],
"note_attributes":[{"name":"door","value":"side"}]}`;

describe("the anonymiser", () => {
  it("blanks personal fields by key name, keeps ids, amounts, SKUs and product names, and keeps long ids exact", () => {
    const matcher = needleMatcher(identifyingValues(parseExact(ORDER)));
    const out = anonymiseStored(ORDER, matcher)!;
    expect(out).toContain('"id":9007199254740993');
    expect(out).toContain('"id":18446744073709551615');
    const body = JSON.parse(out.replace(/:(\d{16,})/g, ':"$1"'));
    expect(body).toMatchObject({ name: "#1001", email: REDACTED_TEXT, phone: REDACTED_TEXT, note: REDACTED_TEXT, total_price: "10.00", browser_ip: REDACTED_TEXT, client_details: null, note_attributes: [] });
    expect(body.customer).toMatchObject({ email: REDACTED_TEXT, first_name: REDACTED_TEXT, last_name: REDACTED_TEXT, name: REDACTED_TEXT, tags: "vip" });
    expect(body.customer.default_address).toMatchObject({ address1: REDACTED_TEXT, city: REDACTED_TEXT, zip: REDACTED_TEXT, country: "Canada", name: REDACTED_TEXT, latitude: null });
    expect(body.shipping_address).toMatchObject({ name: REDACTED_TEXT, company: REDACTED_TEXT, province: "Ontario", country_code: "CA" });
    expect(body.line_items[0]).toMatchObject({ name: "Tee - Blue", sku: "TEE-1", price: "10.00" });
    // A known value of the person in free text elsewhere goes too.
    expect(body.line_items[0].properties[0].value).toBe(`for ${REDACTED_TEXT}`);
    for (const needle of ["ada@example.org", "6135550147", "Ada", "Quill", "Juniper", "Marrowvale", "K7L 4V1", "203.0.113.7"]) expect(out).not.toContain(needle);
  });

  it("says nothing changed for a record without the person, and is idempotent", () => {
    const matcher = needleMatcher(["ada@example.org"]);
    expect(anonymiseStored('{"sku":"TEE-1","quantity":2}', matcher)).toBeNull();
    const once = anonymiseStored(ORDER, matcher)!;
    expect(anonymiseStored(once, matcher)).toBeNull();
  });

  it("replaces the person's values in free text in any case and any phone format, not inside longer words", () => {
    const matcher = needleMatcher(["Ada@Example.org", "+1 613-555-0147", "Ada"]);
    expect(scrubText("ERP refused ada@example.org (613) 555 0147, Ada; Adam and Canada stay", matcher)).toBe(
      `ERP refused ${REDACTED_TEXT} ${REDACTED_TEXT}, ${REDACTED_TEXT}; Adam and Canada stay`,
    );
    expect(scrubText("call +16135550147 now", matcher)).toBe(`call ${REDACTED_TEXT} now`);
    expect(needleMatcher(["", "ab", REDACTED_TEXT])).toBeNull();
  });

  it("rewrites text that is not JSON with the free-text rules only", () => {
    expect(anonymiseStored("timeout for ada@example.org", needleMatcher(["ada@example.org"]))).toBe(`timeout for ${REDACTED_TEXT}`);
    expect(anonymiseStored(null, null)).toBeNull();
  });

  it("keeps numbers with long fractions and strings of digits as they are", () => {
    const text = '{"rate":0.12345678901234567891,"ref":"12345678901234567890","big":-12345678901234567890}';
    expect(stringifyExact(parseExact(text))).toBe(text);
    expect(stringifyExact(anonymiseValue(parseExact(text), null))).toBe(text);
  });
});

describe("privacy subjects", () => {
  it("drops values already redacted and keys subjects without contact details", () => {
    expect(cleanSubject({ customerId: "7", email: REDACTED_TEXT, phone: null })).toEqual({ customerId: "7", email: null, phone: null });
    expect(subjectKey({ customerId: "7", email: "a@b.c", phone: null })).toBe("customer:7");
    const key = subjectKey({ customerId: null, email: "A@B.c", phone: null });
    expect(key).toMatch(/^contact:[0-9a-f]{64}$/);
    expect(key).not.toContain("a@b.c");
  });

  it("finds an id only as a whole number", () => {
    expect(mentionsId('{"order_id":450789469}', "450789469")).toBe(true);
    expect(mentionsId('{"order_id":4507894690}', "450789469")).toBe(false);
    expect(mentionsId("x1450789469 then 450789469.", "450789469")).toBe(true);
  });
});
