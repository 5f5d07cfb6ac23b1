import { useOutletContext } from "react-router";

import type { AccountRead } from "@/api/auth";

/** The signed-in account, for screens rendered inside the app shell. */
export function useAccount(): AccountRead {
  return useOutletContext<AccountRead>();
}
