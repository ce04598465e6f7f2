// What a message may be, checked before it goes anywhere: one recipient, a
// subject on one line (a line break there would start a new header in the
// mail), and bounded sizes, so that no caller can turn the mailer into a relay
// for anything large.
import { z } from "zod";

export const mailMessageSchema = z.strictObject({
  to: z.email().max(254),
  subject: z
    .string()
    .min(1)
    .max(200)
    .refine((value) => !/[\r\n]/.test(value), "The subject is one line"),
  text: z.string().min(1).max(20_000),
  html: z.string().max(100_000).optional(),
});

export type MailMessage = z.input<typeof mailMessageSchema>;
