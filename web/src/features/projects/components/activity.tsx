import { ActivityFeed } from "@/features/activity";

/** The project's activity: readable sentences with links, paged with "Load more". */
export function ActivityTab({ projectId }: { projectId: number }) {
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded-lg border border-line bg-surface px-4 py-2">
      <ActivityFeed scope={{ projectId }} title="Project activity" />
    </div>
  );
}
