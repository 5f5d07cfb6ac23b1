import { Dashboard } from "@/features/dashboard";
import { useAccount } from "@/features/shell";

export function Component() {
  const account = useAccount();
  return (
    <>
      <title>Dashboard · Shotline</title>
      <Dashboard account={account} />
    </>
  );
}
