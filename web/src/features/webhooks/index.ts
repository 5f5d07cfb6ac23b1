export { WebhooksAdmin } from "@/features/webhooks/components/webhooks-admin";
