// The state every server action returns, shared by the forms that show it.

type FieldErrors = Record<string, string[] | undefined>;

export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: FieldErrors;
};

export const IDLE: ActionState = { status: "idle" };

export const success = (message: string): ActionState => ({ status: "success", message });

export const failure = (message: string, fieldErrors?: FieldErrors): ActionState => ({
  status: "error",
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});

/** Thrown inside an action to refuse with a message (and field errors); nothing is written. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
