import { splitMentions } from "@/features/review-player/mentions";

/** A note's text with `@[Name](account:ID)` shown as a highlighted @Name. */
export function NoteBody({ body }: { body: string }) {
  return (
    <p className="text-sm whitespace-pre-wrap text-fg">
      {splitMentions(body).map((part, i) =>
        "text" in part ? (
          <span key={i}>{part.text}</span>
        ) : (
          <span key={i} className="rounded bg-accent/15 px-1 font-medium text-accent" data-account-id={part.id}>
            @{part.name}
          </span>
        ),
      )}
    </p>
  );
}
