import { cn } from "@/lib/cn";

/** The Shotline logo mark and name. The name is real text, so it is read out as "Shotline". */
export function Wordmark({ className, size = "md" }: { className?: string; size?: "md" | "lg" }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-2 font-semibold tracking-tight text-fg",
        size === "lg" ? "text-2xl" : "text-base",
        className,
      )}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 32 32"
        className={size === "lg" ? "size-8" : "size-6"}
      >
        <rect width="32" height="32" rx="7" className="fill-accent" />
        <path
          d="M8 20.5h16M8 11.5h10"
          stroke="white"
          strokeWidth="3"
          strokeLinecap="round"
        />
        <circle cx="22.5" cy="11.5" r="2.5" fill="white" />
      </svg>
      Shotline
    </span>
  );
}
