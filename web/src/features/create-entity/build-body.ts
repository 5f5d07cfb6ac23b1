import type { AssetCreate, AssetType, EntityKind, ShotCreate } from "@/api/entities";
import type { EntityStatus } from "@/api/projects";
import { codeProblem, intOrNull } from "@/features/create-entity/form-errors";

export type Draft = Record<string, string>;

export const EMPTY_DRAFT: Record<EntityKind, Draft> = {
  shot: { code: "", sequence_id: "", description: "", frame_in: "", frame_out: "", status: "waiting" },
  asset: { code: "", name: "", asset_type: "character", custom_type: "", description: "", status: "waiting", priority: "2", due_date: "" },
};

/** The keys the form shows next to a control (anything else the server names goes on top). */
export const FORM_KEYS: Record<EntityKind, readonly string[]> = {
  shot: Object.keys(EMPTY_DRAFT.shot),
  asset: Object.keys(EMPTY_DRAFT.asset),
};

interface Built<T> {
  body: T;
  problems: Record<string, string>;
}

const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

export function shotBody(draft: Draft, custom: Record<string, unknown>): Built<ShotCreate> {
  const problems: Record<string, string> = {};
  const code = codeProblem(draft.code ?? "");
  if (code) problems.code = code;
  const frameIn = intOrNull(draft.frame_in ?? "");
  const frameOut = intOrNull(draft.frame_out ?? "");
  if (frameIn === undefined) problems.frame_in = "a whole frame number";
  if (frameOut === undefined) problems.frame_out = "a whole frame number";
  if (typeof frameIn === "number" && typeof frameOut === "number" && frameOut < frameIn) {
    problems.frame_out = "must not be before frame_in";
  }
  const sequence = draft.sequence_id ? Number(draft.sequence_id) : null;
  return {
    body: {
      code: (draft.code ?? "").trim(),
      sequence_id: sequence,
      description: text(draft.description),
      frame_in: frameIn ?? null,
      frame_out: frameOut ?? null,
      status: (draft.status ?? "waiting") as EntityStatus,
      sort_order: 0,
      custom,
    },
    problems,
  };
}

export function assetBody(draft: Draft, custom: Record<string, unknown>): Built<AssetCreate> {
  const problems: Record<string, string> = {};
  const code = codeProblem(draft.code ?? "");
  if (code) problems.code = code;
  if (!text(draft.name)) problems.name = "required";
  const assetType = (draft.asset_type ?? "character") as AssetType;
  if (assetType === "custom" && !text(draft.custom_type)) problems.custom_type = "required for a custom type";
  return {
    body: {
      code: (draft.code ?? "").trim(),
      name: (draft.name ?? "").trim(),
      asset_type: assetType,
      custom_type: assetType === "custom" ? text(draft.custom_type) : null,
      description: text(draft.description),
      status: (draft.status ?? "waiting") as EntityStatus,
      priority: Number(draft.priority ?? 2),
      due_date: text(draft.due_date),
      custom,
    },
    problems,
  };
}
