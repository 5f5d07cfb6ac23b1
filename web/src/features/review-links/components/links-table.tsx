import type { ReviewLink } from "@/api/review-links";
import { Button } from "@/components/ui/button";
import { dateText, downloadsText } from "@/features/review-links/format";
import { cn } from "@/lib/cn";

export type LinkAction = "edit" | "revoke" | "regenerate" | "log";

const th = "px-2 py-1.5 text-left text-xs font-medium text-muted";
const td = "px-2 py-2 align-middle";

const STATE_STYLE: Record<string, string> = {
  active: "border-accent/40 bg-accent/10 text-accent",
  expired: "border-warning/40 bg-warning-soft text-warning",
  revoked: "border-line bg-surface-3 text-muted",
};

function StateBadge({ state }: { state: string }) {
  return <span className={cn("rounded-full border px-2 py-0.5 text-xs font-medium", STATE_STYLE[state] ?? STATE_STYLE.revoked)}>{state}</span>;
}

/** The project's review links, one row each with its actions (a revoked link only has its log). */
export function LinksTable({ links, onAction }: { links: readonly ReviewLink[]; onAction: (action: LinkAction, link: ReviewLink) => void }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full text-sm">
        <thead>
          <tr>
            <th className={th}>Name</th>
            <th className={th}>State</th>
            <th className={th}>Expires</th>
            <th className={th}>Password</th>
            <th className={th}>Downloads</th>
            <th className={th}>Versions</th>
            <th className={th}>Created</th>
            <th className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id} aria-label={link.name} className="border-t border-line/60">
              <td className={cn(td, "max-w-72 truncate font-medium")} title={link.name}>
                {link.name}
              </td>
              <td className={td}>
                <StateBadge state={link.state} />
              </td>
              <td className={cn(td, "whitespace-nowrap tabular-nums")}>
                {link.revoked_at ? <span className="text-muted">revoked {dateText(link.revoked_at)}</span> : dateText(link.expires_at)}
              </td>
              <td className={td}>{link.has_password ? "Yes" : "No"}</td>
              <td className={cn(td, "tabular-nums")}>{downloadsText(link)}</td>
              <td className={cn(td, "tabular-nums")}>{link.version_ids?.length ?? 0}</td>
              <td className={cn(td, "whitespace-nowrap tabular-nums text-muted")}>{dateText(link.created_at)}</td>
              <td className={cn(td, "whitespace-nowrap text-right")}>
                {link.state !== "revoked" && (
                  <>
                    <Button variant="ghost" size="sm" onClick={() => onAction("edit", link)}>
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => onAction("regenerate", link)}>
                      Regenerate
                    </Button>
                    <Button variant="ghost" size="sm" className="hover:text-danger" onClick={() => onAction("revoke", link)}>
                      Revoke
                    </Button>
                  </>
                )}
                <Button variant="ghost" size="sm" onClick={() => onAction("log", link)}>
                  Access log
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
