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
      { path: "/share/:token", lazy: () => import("@/routes/share") },
      {
        lazy: () => import("@/routes/app-layout"),
        children: [
          { index: true, lazy: () => import("@/routes/dashboard") },
          { path: "/tasks", lazy: () => import("@/routes/my-tasks") },
          { path: "/tasks/:taskId", lazy: () => import("@/routes/task") },
          { path: "/review/:versionId", lazy: () => import("@/routes/review") },
          { path: "/projects", lazy: () => import("@/routes/projects") },
          { path: "/projects/:projectId/shots/:shotId", lazy: () => import("@/routes/shot") },
          { path: "/projects/:projectId/assets/:assetId", lazy: () => import("@/routes/asset") },
          {
            path: "/projects/:projectId",
            lazy: () => import("@/routes/project"),
            children: [
              { index: true, lazy: () => import("@/routes/project-shots") },
              { path: "shots", lazy: () => import("@/routes/project-shots") },
              { path: "assets", lazy: () => import("@/routes/project-assets") },
              { path: "tasks", lazy: () => import("@/routes/project-tasks") },
              { path: "kanban", lazy: () => import("@/routes/project-kanban") },
              { path: "activity", lazy: () => import("@/routes/project-activity") },
              { path: "import", lazy: () => import("@/routes/project-import") },
              { path: "archived", lazy: () => import("@/routes/project-archived") },
              { path: "review-links", lazy: () => import("@/routes/project-review-links") },
            ],
          },
          { path: "/admin", lazy: () => import("@/routes/admin") },
          { path: "/settings/notifications", lazy: () => import("@/routes/settings-notifications") },
        ],
      },
      { path: "*", lazy: () => import("@/routes/not-found") },
    ],
  },
];
