export { AppShell } from "@/features/shell/components/app-shell";
export { useAccount } from "@/features/shell/hooks/use-account";
