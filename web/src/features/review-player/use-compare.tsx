import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";

import { playerQueryOptions, taskVersionsQueryOptions } from "@/api/review";
import { defaultCompareVersion, matchingFrame, needsResync, type Clip, type CompareMode } from "@/features/review-player/compare";
import type { OtherPicture } from "@/features/review-player/components/compare-view";
import { versionLabel } from "@/features/review-player/format";
import { frameSeekSeconds } from "@/lib/timecode";

interface Options {
  taskId: number;
  currentId: number;
  /** The current version's clip, the frame on screen and whether it plays. */
  leader: Clip;
  index: number;
  playing: boolean;
  leaderVideo: RefObject<HTMLVideoElement | null>;
}

/**
 * The compare state of the player: mode, the other version (default: the previous one), and
 * the other version's `<video>`, locked to the current frame. Paused or stepping, the other
 * video is seeked to the middle of the matching frame; playing, it plays alongside and is
 * re-seeked only when it drifts by more than a frame.
 */
export function useCompare({ taskId, currentId, leader, index, playing, leaderVideo }: Options) {
  const [mode, setMode] = useState<CompareMode>("off");
  const [chosen, setChosen] = useState<number | null>(null);
  const versions = useQuery(taskVersionsQueryOptions(taskId));
  const list = useMemo(() => versions.data ?? [], [versions.data]);
  const otherId = chosen ?? defaultCompareVersion(list, currentId);
  const active = mode !== "off" && otherId !== null;
  const player = useQuery({ ...playerQueryOptions(otherId ?? 0), enabled: active });
  const video = useRef<HTMLVideoElement>(null);
  const [loaded, setLoaded] = useState(0);

  const data = active ? player.data : undefined;
  const ready = Boolean(data?.proxy_url && data.rate && data.width && data.height);
  const clip: Clip | null = useMemo(() => {
    if (!data?.rate) return null;
    const count = Math.max(1, data.frame_count ?? (data.last_frame !== null ? data.last_frame - data.first_frame + 1 : 1));
    return { first: data.first_frame, count, rate: { numerator: data.rate.numerator, denominator: data.rate.denominator } };
  }, [data]);
  const expected = clip ? matchingFrame(index, leader, clip) : 0;

  useEffect(() => {
    const v = video.current;
    if (!v || !clip || !ready) return;
    const target = frameSeekSeconds(expected, clip.rate);
    if (playing && expected < clip.count - 1) {
      v.playbackRate = leaderVideo.current?.playbackRate ?? 1;
      if (v.paused) {
        v.currentTime = target;
        void v.play().catch(() => undefined);
      } else if (needsResync(v.currentTime, expected, clip.rate)) {
        v.currentTime = target;
      }
      return;
    }
    if (!v.paused) v.pause();
    if (Math.abs(v.currentTime - target) > 1e-6) v.currentTime = target;
  }, [clip, ready, expected, playing, leaderVideo, loaded]);

  let other: OtherPicture | null = null;
  if (active) {
    const label = data ? versionLabel(data.version) : "…";
    const source = { width: data?.width ?? 16, height: data?.height ?? 9 };
    other = {
      label,
      source,
      picture:
        ready && clip ? (
          <video
            ref={video}
            src={data?.proxy_url ?? ""}
            className="block size-full"
            muted
            playsInline
            preload="auto"
            aria-label={`Compared version media, ${label}`}
            data-frame={clip.first + expected}
            onLoadedMetadata={() => setLoaded((n) => n + 1)}
          />
        ) : (
          <div role="status" className="flex size-full items-center justify-center bg-black text-sm text-muted">
            {player.isError ? "Could not load the other version." : data?.state === "failed" ? "The other version's media failed." : "Loading the other version…"}
          </div>
        ),
    };
  }
  return { mode, setMode, versions: list, otherId, setOther: setChosen, other };
}
