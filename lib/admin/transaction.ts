// Every admin change runs through here: one transaction for the change and
// its audit entry, and database errors that mean "bad input" (a duplicate
// name that slipped past the check, a row deleted meanwhile) turned into
// refusals the form can show.
import "server-only";
import { ActionError } from "@/lib/actions/state";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

// Lock waits count against the timeout; admin changes are short, but two
// admins may queue behind each other's access lock.
const OPTIONS = { maxWait: 10_000, timeout: 20_000 };

type UniqueViolation = { field: string; message: string };

export async function inTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Tx) => Promise<T>,
  onDuplicate?: UniqueViolation,
): Promise<T> {
  try {
    return await prisma.$transaction(work, OPTIONS);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002" && onDuplicate) {
        throw new ActionError(onDuplicate.message, { [onDuplicate.field]: [onDuplicate.message] });
      }
      // A foreign key to a row another admin just deleted.
      if (error.code === "P2003" || error.code === "P2025") {
        throw new ActionError("Something you chose no longer exists. Reload the page and try again.");
      }
    }
    throw error;
  }
}
