import { useQuery } from "@tanstack/react-query";

import type { AccountRead } from "@/api/auth";
import { isApiError } from "@/api/errors";
import { projectQueryOptions, useUpdateProject, type ProjectRead } from "@/api/projects";
import { canEditProject } from "@/features/review-links/format";

/** The project's `burn_in_watermark` setting, beside the links it applies to. */
export function BurnInSetting({ projectId, account }: { projectId: number; account: AccountRead }) {
  const project = useQuery(projectQueryOptions(projectId));
  if (!project.data) return null;
  return <BurnInToggle project={project.data} canEdit={canEditProject(account.role)} />;
}

function BurnInToggle({ project, canEdit }: { project: ProjectRead; canEdit: boolean }) {
  const update = useUpdateProject(project);
  const on = project.settings.burn_in_watermark === true;
  return (
    <div className="mb-4 rounded-xl border border-line bg-surface px-4 py-3">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={on}
          disabled={!canEdit || update.isPending}
          onChange={(e) => update.mutate({ settings: { burn_in_watermark: e.target.checked } })}
        />
        Burn the viewer&apos;s name into downloads
      </label>
      <p className="mt-1 pl-6 text-xs text-muted">
        Files a client downloads through a link carry the viewer&apos;s name and the date in the picture.
        {!canEdit && " Producers and admins can change this."}
      </p>
      {update.isError && (
        <p role="alert" className="mt-1 pl-6 text-sm text-danger">
          {isApiError(update.error) ? update.error.message : "Could not save the setting."}
        </p>
      )}
    </div>
  );
}
