type Entry = FormDataEntryValue;

/**
 * FormData as a plain object for zod: repeated keys become arrays, and the
 * fields Next.js adds for its own use ($ACTION_…) are left out. Files are
 * kept, so a file sent where text belongs fails validation instead of
 * quietly counting as an empty field.
 */
export function formDataToObject(formData: FormData): Record<string, Entry | Entry[]> {
  const result: Record<string, Entry | Entry[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
