import { LoginScreen } from "@/features/auth";

export function Component() {
  return (
    <>
      <title>Sign in · Shotline</title>
      <LoginScreen />
    </>
  );
}
