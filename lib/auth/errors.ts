/** Thrown from the jwt callback so next-auth drops a session that may not continue. */
export class SessionRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`session refused: ${reason}`);
    this.name = "SessionRefusedError";
  }
}
