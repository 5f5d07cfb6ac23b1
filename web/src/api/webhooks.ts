import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/api/client";
import { expectOk, unwrap } from "@/api/errors";
import type { components } from "@/api/generated/schema";

type S = components["schemas"];
export type WebhookRead = S["WebhookRead"];
export type WebhookCreate = S["WebhookCreate"];
export type WebhookCreated = S["WebhookCreated"];
export type DeliveryRead = S["DeliveryRead"];

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (id: number) => [...webhookKeys.all, "deliveries", id] as const,
};

export function webhooksQueryOptions() {
  return queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/webhooks", { signal })),
  });
}

export function deliveriesInfiniteOptions(id: number) {
  return infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        api.GET("/api/v1/webhooks/{webhook_id}/deliveries", {
          params: { path: { webhook_id: id }, query: { before_id: pageParam ?? undefined, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before_id ?? undefined,
  });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) => unwrap(api.POST("/api/v1/webhooks", { body })),
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}

export function useSetWebhookActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      unwrap(api.PATCH("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: id } }, body: { active } })),
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      expectOk(api.DELETE("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}

export function useRedeliver(webhookId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      unwrap(
        api.POST("/api/v1/webhook-deliveries/{delivery_id}/redeliver", { params: { path: { delivery_id: deliveryId } } }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }),
  });
}
