// One text schema for every form field and page parameter. It refuses, with a
// field error, what nobody types on purpose and what can hurt: C0 and C1
// control characters (PostgreSQL refuses a NUL in text outright, which used to
// surface as a 500), bidirectional overrides and isolates (they reorder what
// an admin reads on screen), and half surrogate pairs (not characters at all).
// A field may allow some control characters it legitimately takes (a
// multi-line field: "\n\t"); no field of this app does today.
import { z } from "zod";

// C0 controls (U+0000–U+001F), DEL and the C1 controls (U+007F–U+009F).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
// Left-to-right / right-to-left embeddings, overrides and isolates.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// With the u flag, a surrogate matches only when it is not part of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export const HOSTILE_TEXT = "Remove invisible control characters";

/** Whether `value` holds a character no field takes (other than those in `allowed`). */
export function hasHostileCharacters(value: string, allowed = ""): boolean {
  const controls = value.match(CONTROL) ?? [];
  if (controls.some((c) => !allowed.includes(c))) return true;
  return BIDI_CONTROL.test(value) || LONE_SURROGATE.test(value);
}

/**
 * A trimmed string free of hostile characters; chain .min / .max / .regex as
 * usual. `required` is the message for a missing value or a wrong type.
 */
export function safeText(required?: string, allowed = "") {
  return z
    .string(required)
    .trim()
    .refine((value) => !hasHostileCharacters(value, allowed), HOSTILE_TEXT);
}
