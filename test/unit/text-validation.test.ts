import { describe, expect, it } from "vitest";
import { mixesScripts, roleNameKey, roleNameSchema, scriptsOf } from "@/lib/validations/role-name";
import { HOSTILE_TEXT, hasHostileCharacters, safeText } from "@/lib/validations/text";

describe("safeText", () => {
  it("refuses every C0 and C1 control character, DEL, direction overrides and half surrogate pairs", () => {
    const refused = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      0x202a,
      0x202b,
      0x202c,
      0x202d,
      0x202e,
      0x2066,
      0x2067,
      0x2068,
      0x2069,
      0xd800,
      0xdfff,
    ];
    for (const code of refused) {
      const value = `a${String.fromCharCode(code)}b`;
      expect(hasHostileCharacters(value), code.toString(16)).toBe(true);
      expect(safeText().safeParse(value).error?.issues[0]?.message, code.toString(16)).toBe(HOSTILE_TEXT);
    }
  });

  it("accepts printable text in any script, emoji (surrogate pairs) and joiners", () => {
    for (const value of ["Ada Lovelace", "Zoë", "Ерa", "管理者", "مدير", "👩‍💻 dev", "a\u00a0b"]) {
      expect(safeText().safeParse(value), value).toMatchObject({ success: true, data: value });
    }
  });

  it("trims before checking, and a field may allow the controls it needs", () => {
    expect(safeText().parse("  spaced \t\n")).toBe("spaced");
    expect(safeText().safeParse("two\nlines").success).toBe(false);
    expect(safeText(undefined, "\n\t").parse("two\nlines\twith a tab")).toBe("two\nlines\twith a tab");
    expect(safeText(undefined, "\n").safeParse("still\u0000no").success).toBe(false);
  });

  it("refuses wrong types with the field's message", () => {
    for (const value of [["a"], { a: 1 }, 42, null]) {
      expect(safeText("Enter a name").safeParse(value).error?.issues[0]?.message).toBe("Enter a name");
    }
  });
});

describe("role names", () => {
  it("names the scripts of the letters, ignoring digits, spaces and punctuation", () => {
    expect(scriptsOf("Admin 2.0")).toEqual(["Latin"]);
    expect(scriptsOf("Аdmin")).toEqual(["Cyrillic", "Latin"]);
    expect(scriptsOf("ማኔጅመንት")).toEqual(["Ethiopic"]);
  });

  it("refuses mixed scripts but allows the mixes Japanese, Chinese and Korean need", () => {
    expect(mixesScripts("Аdmin")).toBe(true);
    expect(mixesScripts("Αdmin")).toBe(true);
    expect(mixesScripts("Админ")).toBe(false);
    expect(mixesScripts("管理者 ひらがな カタカナ Team")).toBe(false);
    expect(mixesScripts("관리자 Team 漢字")).toBe(false);
    expect(mixesScripts("管理者 Админ")).toBe(true);
  });

  it("normalises with NFKC, so full-width and compatibility forms become plain letters", () => {
    expect(roleNameSchema.parse("Ａｄｍｉｎ")).toBe("Admin");
    expect(roleNameSchema.parse(" ﬁnance ")).toBe("finance");
    expect(roleNameKey("ＥＤＩＴＯＲ")).toBe(roleNameKey("editor"));
  });

  it("refuses look-alikes, invisible characters and punctuation", () => {
    for (const name of ["Аdmin", "Ad\u200bmin", "Ad\u202emin", "<script>", "a/b"]) {
      expect(roleNameSchema.safeParse(name).success, name).toBe(false);
    }
  });
});
