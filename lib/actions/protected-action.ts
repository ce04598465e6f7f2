// The one wrapper every server action goes through. A server action is a
// public endpoint: anyone can post to it with any input. So, in this order:
// authenticate, check a permission read from the database just now, validate
// the input with zod, then act. Refusals change nothing and say why. After
// acting, wait until this instance has heard of the change, so the response
// (and the next request anyone makes here) is served with it in effect.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { type Actor, loadActor, SESSION_ENDED } from "@/lib/auth";
import { settleChanges } from "@/lib/live";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { formDataToObject } from "./form-data";
import { ActionError, type ActionState, failure } from "./state";

type Options<S extends z.ZodType> = {
  /** The permission needed; null only for actions on the actor's own account. */
  permission: Permission | null;
  schema: S;
  run(input: z.output<S>, actor: Actor): Promise<ActionState>;
};

export type ProtectedAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const built = new WeakMap<
  ProtectedAction,
  { schema: z.ZodType; permission: Permission | null; anonymous?: true }
>();

/** Records how an action was built (./public-action.ts builds the anonymous ones). */
export function recordBuilt(
  action: ProtectedAction,
  info: { schema: z.ZodType; permission: Permission | null; anonymous?: true },
): void {
  built.set(action, info);
}

/** The input schema of an action built here, so tests derive every field (and its sample) from the code. */
export const inputSchemaOf = (action: unknown): z.ZodType | undefined =>
  built.get(action as ProtectedAction)?.schema;

/** The permission an action built here needs; null for one on the actor's own account; undefined if not built here. */
export const permissionOf = (action: unknown): Permission | null | undefined =>
  built.get(action as ProtectedAction)?.permission;

/** Whether an action is open to visitors who are not signed in (publicAction): the authorization table skips it. */
export const isPublicAction = (action: unknown): boolean =>
  built.get(action as ProtectedAction)?.anonymous === true;

/** The form as the schema's input, or the refusal to return: anyone can post any value, not only FormData. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: unknown,
): { ok: true; data: z.output<S> } | { ok: false; state: ActionState } {
  if (!(formData instanceof FormData))
    return { ok: false, state: failure("Nothing was changed: the form could not be read.") };
  const parsed = schema.safeParse(formDataToObject(formData));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, state: failure("Nothing was changed: check the highlighted fields.", fieldErrors) };
}

export function protectedAction<S extends z.ZodType>(options: Options<S>): ProtectedAction {
  const action: ProtectedAction = async (_previous, formData) => {
    const actor = await loadActor();
    if (!actor) return failure(SESSION_ENDED);
    // The scope is the permission's own: a platform permission counts from a global role only.
    if (options.permission && !hasPermission(actor, options.permission)) {
      return failure(`You need the ${options.permission} permission to do this.`);
    }
    const parsed = parseForm(options.schema, formData);
    if (!parsed.ok) return parsed.state;
    let state: ActionState;
    try {
      state = await options.run(parsed.data, actor);
    } catch (error) {
      // A refusal rolled everything back: nothing to wait for.
      if (error instanceof ActionError) return failure(error.message, error.fieldErrors);
      await settleChanges(); // redirect() after a write is how some actions succeed
      unstable_rethrow(error); // redirect() and notFound() are not failures
      console.error("[action] failed:", error);
      return failure("Something went wrong, and nothing was changed. Try again.");
    }
    await settleChanges();
    return state;
  };
  recordBuilt(action, { schema: options.schema, permission: options.permission });
  return action;
}
