// Role names are identifiers admins pick from lists, so look-alikes matter:
// "Аdmin" with a Cyrillic А, or "Ａｄｍｉｎ" in full-width letters, must not
// pass for the Admin role. Names are normalised with NFKC (full-width and
// other compatibility forms become their plain letters), may not mix scripts
// (beyond the mixes a language needs, as Unicode's "highly restrictive"
// level allows), and two names are the same when their normalised, lower-case
// forms are. Not caught: a name written wholly in another script that happens
// to look like a Latin one (Unicode's confusable skeletons would be needed).
import { safeText } from "./text";

const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Georgian",
  "Hangul",
  "Ethiopic",
  "Cherokee",
  "Khmer",
  "Mongolian",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
] as const;
const MATCHERS = SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const);

/** Mixes a single language needs (Japanese, Chinese, Korean, each with Latin). */
const ALLOWED_MIXES = [
  ["Latin", "Han", "Hiragana", "Katakana"],
  ["Latin", "Han", "Bopomofo"],
  ["Latin", "Han", "Hangul"],
];

/** The scripts of the letters in `text`, in order of appearance; digits and punctuation have none. */
export function scriptsOf(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    found.add(MATCHERS.find(([, matcher]) => matcher.test(char))?.[0] ?? "another script");
  }
  return [...found];
}

export function mixesScripts(text: string): boolean {
  const scripts = scriptsOf(text);
  return scripts.length > 1 && !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s)));
}

/** What two role names are compared by: equal keys mean the same name. */
export const roleNameKey = (name: string) => name.normalize("NFKC").toLowerCase();

export const roleNameSchema = safeText("Enter a role name")
  .normalize("NFKC")
  .min(1, "Enter a role name")
  .max(50, "Use at most 50 characters")
  .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, numbers, spaces, dots, dashes and underscores")
  .superRefine((name, ctx) => {
    if (mixesScripts(name)) {
      ctx.addIssue({
        code: "custom",
        message: `Use the letters of one script: this name mixes ${scriptsOf(name).join(" and ")}`,
      });
    }
  });
