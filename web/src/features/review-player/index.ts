export { ApprovalBar } from "@/features/review-player/components/approval-bar";
export { NoteComposer } from "@/features/review-player/components/note-composer";
export { NotesList } from "@/features/review-player/components/notes-list";
export { ReviewPlayer } from "@/features/review-player/components/review-player";
export { UploadVersion } from "@/features/review-player/components/upload-version";
export { VersionsList } from "@/features/review-player/components/versions-list";
export { formatWhen, versionLabel } from "@/features/review-player/format";
