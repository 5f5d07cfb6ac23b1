import {
  AlertTriangle,
  CalendarClock,
  Eye,
  MessageSquare,
  UploadCloud,
  Users,
  type LucideIcon,
} from "lucide-react";

export interface WidgetDefinition {
  id: string;
  title: string;
  icon: LucideIcon;
  /** What the widget will list once production data exists. */
  description: string;
  emptyTitle: string;
}

/**
 * The dashboard widgets. Each shows an honest empty state until the production-core API
 * (projects, tasks, versions, notes) lands and gives them data.
 */
export const DASHBOARD_WIDGETS: readonly WidgetDefinition[] = [
  {
    id: "due-today",
    title: "Tasks Due Today",
    icon: CalendarClock,
    description: "Tasks assigned to you that are due today.",
    emptyTitle: "Nothing due today",
  },
  {
    id: "in-review",
    title: "Tasks In Review",
    icon: Eye,
    description: "Tasks waiting for an internal or client review.",
    emptyTitle: "Nothing waiting for review",
  },
  {
    id: "overdue",
    title: "Overdue Tasks",
    icon: AlertTriangle,
    description: "Open tasks whose due date has passed.",
    emptyTitle: "No overdue tasks",
  },
  {
    id: "latest-uploads",
    title: "Latest Uploads",
    icon: UploadCloud,
    description: "The newest versions uploaded to your projects.",
    emptyTitle: "No uploads yet",
  },
  {
    id: "recent-feedback",
    title: "Recent Feedback",
    icon: MessageSquare,
    description: "New notes and review decisions on your work.",
    emptyTitle: "No feedback yet",
  },
  {
    id: "artist-workload",
    title: "Artist Workload",
    icon: Users,
    description: "Open tasks and estimated hours per artist.",
    emptyTitle: "No assignments yet",
  },
];
