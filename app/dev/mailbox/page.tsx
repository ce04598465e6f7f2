import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { type DevMail, devMailboxOpen, recentDevMail } from "@/lib/mail";

export const metadata: Metadata = { title: "Dev mailbox" };

/**
 * The mail this server kept instead of sending (no SMTP_URL, outside
 * production): newest first, links clickable. It shows reset links to anyone
 * who opens it, so it answers 404 wherever mail really leaves the machine.
 */
export default async function DevMailboxPage() {
  if (!devMailboxOpen()) notFound();
  const messages = await recentDevMail(50);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        Mail this server would have sent, newest first (the newest 200 are kept). Set SMTP_URL to send it.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6 text-slate-600">No mail yet.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((message) => (
            <li key={message.id}>
              <Message message={message} />
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

function Message({ message }: { message: DevMail }) {
  return (
    <article aria-label={`Mail to ${message.to}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{message.subject}</h2>
      <p className="text-sm text-slate-600">
        To {message.to},{" "}
        <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toISOString()}</time>
      </p>
      <p className="mt-3 text-sm break-words whitespace-pre-wrap">
        <WithLinks text={message.text} />
      </p>
    </article>
  );
}

// Only http(s) URLs become links, so a message can never carry a javascript: link.
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/;

function WithLinks({ text }: { text: string }) {
  return text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="font-medium text-indigo-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
