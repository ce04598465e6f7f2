// What an attacker types into a form field, for the hostile-input tables.
// Each value is derived from a field's valid value, so a refusal comes from
// the hostile part and not from something else being wrong.

export type Hostile = { label: string; apply(data: FormData, field: string, valid: string): void };

/**
 * Puts `inserted` inside the valid value, never at an end, where trimming
 * (or a number's parsing) would rightly drop white space. A one-character
 * value is doubled around it.
 */
const inside = (label: string, inserted: string): Hostile => ({
  label,
  apply(data, field, valid) {
    const [head, tail] = valid.length > 1 ? [valid.slice(0, 1), valid.slice(1)] : [valid, valid];
    data.set(field, `${head}${inserted}${tail}`);
  },
});

const replaced = (label: string, value: (valid: string) => string): Hostile => ({
  label,
  apply(data, field, valid) {
    data.set(field, value(valid));
  },
});

/** Refused in every field of every action. */
export const HOSTILE: Hostile[] = [
  inside("NUL", "\u0000"),
  inside("SOH", "\u0001"),
  inside("backspace", "\u0008"),
  inside("tab", "\t"),
  inside("line feed", "\n"),
  inside("carriage return", "\r"),
  inside("escape", "\u001b"),
  inside("DEL", "\u007f"),
  inside("C1 next line", "\u0085"),
  inside("C1 CSI", "\u009b"),
  inside("right-to-left override", "\u202e"),
  inside("left-to-right isolate", "\u2066"),
  replaced("100,000 characters", () => "x".repeat(100_000)),
  replaced("a 400-digit number", () => "9".repeat(400)),
  {
    label: "the field twice (an array)",
    apply(data, field, valid) {
      data.set(field, valid);
      data.append(field, valid);
    },
  },
  {
    label: "a file instead of text",
    apply(data, field, valid) {
      data.set(field, new Blob([valid]), "field.txt");
    },
  },
  // A lone surrogate cannot travel in FormData (it becomes U+FFFD); the unit tests cover it.
];

const CYRILLIC_TWINS: Record<string, string> = { a: "а", e: "е", o: "о", c: "с", p: "р", x: "х", y: "у" };
Object.assign(CYRILLIC_TWINS, { A: "А", E: "Е", O: "О", C: "С", P: "Р", T: "Т", H: "Н", K: "К", M: "М" });

/** The first letter with a Cyrillic twin swapped for it; a Cyrillic "а" in front when there is none. */
export function withCyrillicTwin(value: string): string {
  const at = [...value].findIndex((c) => c in CYRILLIC_TWINS);
  if (at < 0) return `а${value}`;
  const chars = [...value];
  chars[at] = CYRILLIC_TWINS[chars[at]!]!;
  return chars.join("");
}

/** Printable ASCII in its full-width form: "Admin" → "Ａｄｍｉｎ". */
export const fullWidth = (value: string) =>
  value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Refused in every field that names something exactly: ids, numbers, choices, emails. */
export const LOOK_ALIKES: Hostile[] = [
  replaced("a Cyrillic twin letter", withCyrillicTwin),
  replaced("full-width forms", fullWidth),
];

/** Fields where any script is welcome ("action#field"): look-alikes there are text, not identity. */
export const FREE_TEXT = new Set([
  "app/(app)/admin/users/actions.ts#createUser.name",
  "app/(app)/admin/users/actions.ts#createUser.password",
  "app/(app)/admin/roles/actions.ts#createRole.description",
  "app/(app)/admin/roles/actions.ts#updateRole.description",
  "app/(app)/profile/actions.ts#changePassword.currentPassword",
  "app/(app)/profile/actions.ts#changePassword.newPassword",
  "app/(app)/profile/actions.ts#changePassword.confirmPassword",
  "app/(app)/profile/actions.ts#updateProfile.name",
  "app/(auth)/sign-up/actions.ts#requestSignUp.name",
  "app/(auth)/sign-up/actions.ts#requestSignUp.newPassword",
  "app/(auth)/sign-up/actions.ts#requestSignUp.confirmPassword",
  "app/(auth)/invitations/[token]/actions.ts#createAccountFromInvitation.name",
  "app/(auth)/invitations/[token]/actions.ts#createAccountFromInvitation.newPassword",
  "app/(auth)/invitations/[token]/actions.ts#createAccountFromInvitation.confirmPassword",
  "app/(auth)/reset-password/[token]/actions.ts#resetPassword.newPassword",
  "app/(auth)/reset-password/[token]/actions.ts#resetPassword.confirmPassword",
]);
