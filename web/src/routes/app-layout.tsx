import { RequireAuth } from "@/features/auth";
import { AppShell } from "@/features/shell";

export function Component() {
  return <RequireAuth>{(account) => <AppShell account={account} />}</RequireAuth>;
}
