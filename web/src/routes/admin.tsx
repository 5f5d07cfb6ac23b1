import { AdminPage } from "@/features/admin";
import { useAccount } from "@/features/shell";

export function Component() {
  return <AdminPage account={useAccount()} />;
}
