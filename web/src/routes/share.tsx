import { useParams } from "react-router";

import { GuestPage } from "@/features/share";

export function Component() {
  return <GuestPage token={useParams().token ?? ""} />;
}
