import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

import { accountsQueryOptions } from "@/api/accounts";
import { activeMention, mentionToken } from "@/features/review-player/mentions";
import { cn } from "@/lib/cn";

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: () => void;
  label: string;
  placeholder?: string;
  rows?: number;
  children?: ReactNode;
}

/**
 * A note text box with @mention autocomplete from `GET /accounts`: typing `@ma` lists
 * matching people; ↑/↓ choose, Enter or Tab inserts `@[Name](account:ID)`, Escape closes.
 * ⌘/Ctrl+Enter submits.
 */
export function NoteComposer({ value, onChange, onSubmit, label, placeholder, rows = 3 }: Props) {
  const accounts = useQuery(accountsQueryOptions());
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const mention = closed ? null : activeMention(value, caret);
  const matches = mention
    ? (accounts.data ?? [])
        .filter((a) => a.status === "active" && a.name.toLowerCase().includes(mention.query.toLowerCase()))
        .slice(0, 6)
    : [];
  const open = matches.length > 0;

  const insert = (index: number) => {
    const account = matches[index];
    if (!mention || !account) return;
    const token = `${mentionToken(account.name, account.id)} `;
    const next = value.slice(0, mention.start) + token + value.slice(caret);
    const at = mention.start + token.length;
    onChange(next);
    setCaret(at);
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation(); // keep the player's shortcuts out of typing
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        insert(Math.min(active, matches.length - 1));
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setClosed(true);
        return;
      }
    }
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      onSubmit?.();
    }
  };

  return (
    <div className="relative">
      <textarea
        ref={ref}
        aria-label={label}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${String(active)}` : undefined}
        rows={rows}
        value={value}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setClosed(false);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        className="w-full resize-y rounded-md border border-line bg-surface-2 px-3 py-2 text-sm text-fg placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/30 focus:outline-none"
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Mention someone" className="absolute z-30 mt-1 w-64 overflow-hidden rounded-lg border border-line bg-surface-2 p-1 shadow-xl shadow-black/40">
          {matches.map((a, i) => (
            <li
              key={a.id}
              id={`${listId}-${String(i)}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(i);
              }}
              className={cn("cursor-pointer rounded-md px-2 py-1 text-sm", i === active ? "bg-surface-3 text-fg" : "text-muted")}
            >
              {a.name} <span className="text-xs text-faint">{a.role}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
