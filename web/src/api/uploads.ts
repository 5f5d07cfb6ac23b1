import { queryOptions } from "@tanstack/react-query";
import { Upload } from "tus-js-client";

import { api } from "@/api/client";
import { ApiError, unwrap } from "@/api/errors";

export const UPLOAD_ENDPOINT = "/api/v1/uploads";
const MEDIA_ID_HEADER = "Shotline-Media-Id";

export interface UploadOptions {
  projectId?: number;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

function tusMessage(error: Error): string {
  const body = (error as { originalResponse?: { getBody(): string } | null }).originalResponse?.getBody();
  if (body) {
    try {
      const parsed = JSON.parse(body) as { error?: { message?: string } };
      if (parsed.error?.message) return parsed.error.message;
    } catch {
      /* not JSON */
    }
  }
  return error.message;
}

/**
 * A resumable tus upload of one file (5 MB chunks, retried, resumed after a reload from the
 * browser's fingerprint store). Resolves to the media id the server made of it: the
 * `Shotline-Media-Id` header of the last PATCH, or `GET /uploads/{id}` for a resumed upload
 * that was already complete.
 */
export function uploadFile(file: File, { projectId, onProgress, signal }: UploadOptions = {}): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let mediaId: number | null = null;
    const upload = new Upload(file, {
      endpoint: UPLOAD_ENDPOINT,
      chunkSize: 5 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000],
      removeFingerprintOnSuccess: true,
      metadata: {
        filename: file.name,
        filetype: file.type || "application/octet-stream",
        ...(projectId ? { project_id: String(projectId) } : {}),
      },
      onProgress: (sent, total) => onProgress?.(sent, total),
      onAfterResponse: (_req, res) => {
        const id = res.getHeader(MEDIA_ID_HEADER);
        if (id) mediaId = Number(id);
      },
      onError: (error) => {
        reject(new ApiError({ status: 0, code: "upload_failed", message: tusMessage(error) }));
      },
      onSuccess: () => {
        if (mediaId !== null) {
          resolve(mediaId);
          return;
        }
        const uploadId = (upload.url ?? "").split("/").filter(Boolean).pop() ?? "";
        unwrap(api.GET("/api/v1/uploads/{upload_id}", { params: { path: { upload_id: uploadId } } }))
          .then((r) => resolve(Number(r.media_id)))
          .catch(reject);
      },
    });
    signal?.addEventListener("abort", () => {
      void upload.abort(true);
      reject(new ApiError({ status: 0, code: "aborted", message: "Upload cancelled." }));
    });
    void upload.findPreviousUploads().then((previous) => {
      const [last] = previous;
      if (last) upload.resumeFromPreviousUpload(last);
      upload.start();
    });
  });
}

export function mediaQueryOptions(mediaId: number) {
  return queryOptions({
    queryKey: ["media", mediaId],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/media/{media_id}", { params: { path: { media_id: mediaId } }, signal })),
  });
}
