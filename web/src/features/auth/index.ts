export { LoginScreen } from "@/features/auth/components/login-screen";
export { RequireAuth } from "@/features/auth/components/require-auth";
export { useSession } from "@/features/auth/hooks/use-session";
export { loginPath, safeNextPath } from "@/features/auth/redirect";
