import { useAccount } from "@/features/shell";
import { MyTasks } from "@/features/tasks";

export function Component() {
  return <MyTasks account={useAccount()} />;
}
