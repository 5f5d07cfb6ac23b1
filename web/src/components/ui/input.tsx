import type { ComponentProps } from "react";

import { cn } from "@/lib/cn";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(
        "h-10 w-full rounded-md border border-line bg-surface-2 px-3 text-sm text-fg shadow-inner shadow-black/5",
        "placeholder:text-faint transition-colors",
        "hover:border-surface-3 focus:border-accent focus:outline-none focus-visible:outline-none focus:ring-2 focus:ring-accent/30",
        "disabled:cursor-not-allowed disabled:opacity-60",
        "aria-invalid:border-danger aria-invalid:focus:ring-danger/30",
        className,
      )}
      {...props}
    />
  );
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    <label className={cn("text-sm font-medium text-fg", className)} {...props} />
  );
}
