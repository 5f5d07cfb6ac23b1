import { NavLink } from "react-router";

import type { AccountRead } from "@/api/auth";
import { cn } from "@/lib/cn";

function canAdmin(account: AccountRead): boolean {
  return account.role === "admin" || account.role === "producer";
}

export function MainNav({ account }: { account: AccountRead }) {
  const links = [
    { to: "/", label: "Dashboard", end: true },
    { to: "/tasks", label: "My tasks", end: false },
    { to: "/projects", label: "Projects", end: false },
    ...(canAdmin(account) ? [{ to: "/admin", label: "Admin", end: false }] : []),
  ];
  return (
    <nav aria-label="Main" className="hidden items-center gap-0.5 lg:flex">
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.end}
          className={({ isActive }) =>
            cn(
              "rounded-md px-2.5 py-1.5 text-sm text-muted hover:bg-surface-2 hover:text-fg",
              isActive && "bg-surface-2 text-fg",
            )
          }
        >
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
