import type { RouteObject } from "react-router";

import { RouteError, RouteLoading } from "@/routes/route-error";

/**
 * The route tree. Every screen is code-split with `lazy`; route modules export
 * `Component` and stay thin, the screens live in `src/features/`.
 */
export const routes: RouteObject[] = [
  {
    ErrorBoundary: RouteError,
    HydrateFallback: RouteLoading,
    children: [
      { path: "/login", lazy: () => import("@/routes/login") },
      {
        lazy: () => import("@/routes/app-layout"),
        children: [{ index: true, lazy: () => import("@/routes/dashboard") }],
      },
      { path: "*", lazy: () => import("@/routes/not-found") },
    ],
  },
];
