export { ClientPortal } from "@/features/share/components/client-portal";
export { GuestPage } from "@/features/share/components/guest-page";
export { ShareWithClient } from "@/features/share/components/share-button";
export { TaskShareMenu } from "@/features/share/components/task-share-menu";
export { LinkCreated } from "@/features/share/components/link-created";
export { Modal } from "@/features/share/components/share-dialog";
