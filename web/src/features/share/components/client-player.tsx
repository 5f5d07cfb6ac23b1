import { useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Download, MoveUpRight, Pause, Pencil, Play, Square } from "lucide-react";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from "react";

import { isApiError } from "@/api/errors";
import { readShapes, type Shape } from "@/api/review";
import { clientPlayerQueryOptions, useClientActions, type ClientPlayerData, type ClientWhere } from "@/api/share";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { capture, COLORS, toAnnotation, WIDTHS, type Tool } from "@/features/review-player/annotation";
import { AnnotationOverlay } from "@/features/review-player/components/annotation-overlay";
import { ClientDecisions } from "@/features/share/components/client-decisions";
import { ClientNotes } from "@/features/share/components/client-notes";
import { flattenNotes } from "@/features/share/format";
import { cn } from "@/lib/cn";
import { frameSeekSeconds, frameToTimecode, secondsToFrame, type Rate } from "@/lib/timecode";

/**
 * The review player of guests and client accounts: the shared version only, client-visible
 * notes, drawing a note at a frame, approve / request changes as allowed, and the viewer's
 * name over the picture (a visible watermark).
 */
export function ClientPlayer({ where, versionId }: { where: ClientWhere; versionId: number }) {
  const player = useQuery(clientPlayerQueryOptions(where, versionId));
  if (player.isPending) return <Loading label="Loading the player…" />;
  if (player.isError) return <ErrorNote error={player.error} />;
  const data = player.data;
  if (!data.proxy_url) {
    return (
      <div role="status" className="flex h-full min-h-48 items-center justify-center rounded-lg bg-black text-sm text-muted">
        This version is still being prepared. Try again in a minute.
      </div>
    );
  }
  return <ClientPlayerView key={data.media_id} where={where} data={data} proxy={data.proxy_url} />;
}

const TOOLS: [Tool, string, typeof Pencil][] = [
  ["pen", "Pen", Pencil],
  ["arrow", "Arrow", MoveUpRight],
  ["rect", "Rectangle", Square],
];

function ClientPlayerView({ where, data, proxy }: { where: ClientWhere; data: ClientPlayerData; proxy: string }) {
  const rate: Rate = useMemo(() => ({ numerator: data.rate?.numerator ?? 24, denominator: data.rate?.denominator ?? 1 }), [data.rate]);
  const source = useMemo(() => ({ width: data.width ?? 1920, height: data.height ?? 1080 }), [data.width, data.height]);
  const first = data.first_frame;
  const count = Math.max(1, data.frame_count ?? (data.last_frame !== null ? data.last_frame - first + 1 : 1));
  const last = count - 1;
  const video = useRef<HTMLVideoElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [n, setN] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [tool, setTool] = useState<Tool | null>(null);
  const [color, setColor] = useState<string>(COLORS[0]);
  const [draft, setDraft] = useState<Shape[]>([]);
  const [body, setBody] = useState("");
  const [selected, setSelected] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const actions = useClientActions(where, data.version.id);
  const frameNumber = first + n;
  const timecodeOf = (frame: number) => frameToTimecode(Math.max(0, frame), rate, data.rate?.drop_frame);

  const seek = (target: number) => {
    const clamped = Math.min(last, Math.max(0, Math.round(target)));
    const v = video.current;
    if (v) {
      if (!v.paused) v.pause();
      v.currentTime = frameSeekSeconds(clamped, rate);
    }
    setN(clamped);
  };

  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const fit = () => {
      const scale = Math.min(el.clientWidth / source.width, el.clientHeight / source.height);
      setBox({ width: Math.floor(source.width * scale), height: Math.floor(source.height * scale) });
    };
    fit();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [source]);

  // while playing, follow the media time the browser reports
  useEffect(() => {
    const v = video.current;
    if (!v || !playing) return;
    const onTime = () => setN(Math.min(last, secondsToFrame(v.currentTime, rate)));
    v.addEventListener("timeupdate", onTime);
    return () => v.removeEventListener("timeupdate", onTime);
  }, [playing, last, rate]);

  const toggle = () => {
    const v = video.current;
    if (!v) return;
    setTool(null);
    if (v.paused) void v.play().catch(() => setPlaying(false));
    else v.pause();
  };

  const notes = data.notes;
  const shapesHere = useMemo(() => {
    if (playing) return [];
    const all = flattenNotes(notes);
    const pick = all.find((note) => note.id === selected && note.frame_in === frameNumber);
    return (pick ? [pick] : all.filter((note) => note.frame_in === frameNumber)).flatMap((note) => readShapes(note.annotation));
  }, [notes, selected, frameNumber, playing]);

  const save = () => {
    setProblem(null);
    const text = body.trim() || (draft.length ? `Drawing on frame ${String(frameNumber)}` : "");
    if (!text) return;
    actions.note.mutate(
      { body: text, frame_in: frameNumber, annotation: toAnnotation(draft) },
      {
        onSuccess: (note) => {
          setBody("");
          setDraft([]);
          setTool(null);
          setSelected(note.id);
        },
        onError: (error) => setProblem(isApiError(error) ? error.message : "Could not save the note."),
      },
    );
  };

  const scrubbing = useRef(false);
  const scrubTo = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width > 0) seek(Math.floor(((e.clientX - rect.left) / rect.width) * count));
  };
  const at = (frame: number) => `${String(((frame + 0.5) / count) * 100)}%`;

  return (
    <div role="region" aria-label={`Client player, ${data.version.label}`} data-frame={frameNumber} className="flex h-full min-h-0 flex-col gap-3 lg:flex-row">
      <section className="flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-line bg-surface">
        {(data.can_comment || data.can_download) && (
          <div role="toolbar" aria-label="Drawing tools" className="flex min-h-11 flex-wrap items-center gap-1 border-b border-line px-2 py-1.5">
            {data.can_comment && TOOLS.map(([value, label, Icon]) => (
              <button
                key={value}
                type="button"
                aria-label={label}
                aria-pressed={tool === value}
                title={label}
                onClick={() => {
                  video.current?.pause();
                  setTool(tool === value ? null : value);
                }}
                className={cn("flex size-8 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg", tool === value && "bg-accent text-accent-fg hover:bg-accent hover:text-accent-fg")}
              >
                <Icon aria-hidden="true" className="size-4" />
              </button>
            ))}
            {data.can_comment && <span className="mx-1 h-5 w-px bg-line" />}
            {data.can_comment &&
              COLORS.map((c) => (
                <button key={c} type="button" aria-label={`Colour ${c}`} aria-pressed={color === c} onClick={() => setColor(c)} className={cn("size-5 rounded-full border-2", color === c ? "border-fg" : "border-transparent")} style={{ background: c }} />
              ))}
            {data.can_download && <DownloadButton where={where} versionId={data.version.id} watermarked={data.download_watermarked} />}
          </div>
        )}
        <div ref={stage} className="relative flex min-h-48 flex-1 items-center justify-center overflow-hidden bg-black">
          <div className="relative" style={{ width: box.width || "100%", height: box.height || "100%" }}>
            <video
              ref={video}
              src={proxy}
              className="block size-full"
              playsInline
              preload="auto"
              aria-label="Version media"
              onContextMenu={(e) => e.preventDefault()}
              onClick={() => !tool && toggle()}
              onPlay={() => setPlaying(true)}
              onPause={(e) => {
                setPlaying(false);
                const frame = Math.min(last, secondsToFrame(e.currentTarget.currentTime, rate));
                e.currentTarget.currentTime = frameSeekSeconds(frame, rate);
                setN(frame);
              }}
              onEnded={() => setPlaying(false)}
            />
            <p aria-label="Watermark" data-testid="watermark" className="pointer-events-none absolute inset-0 flex items-center justify-center text-[clamp(0.9rem,3vw,2rem)] font-semibold tracking-wide text-white/35 select-none [text-shadow:0_1px_2px_rgba(0,0,0,.6)]">
              <span className="-rotate-12">{data.watermark}</span>
            </p>
            <p aria-hidden="true" className="pointer-events-none absolute right-2 bottom-2 text-xs text-white/60 select-none">
              {data.watermark}
            </p>
            <AnnotationOverlay source={source} shown={shapesHere} draft={draft} tool={tool} style={{ color, strokeWidth: WIDTHS[1] }} onAdd={(s) => setDraft((d) => [...d, s])} />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 border-t border-line px-2 py-1.5">
          <Button variant="ghost" size="icon" aria-label="Previous frame" onClick={() => seek(n - 1)}>
            <ChevronLeft aria-hidden="true" className="size-4" />
          </Button>
          <Button variant="ghost" size="icon" aria-label={playing ? "Pause" : "Play"} onClick={toggle}>
            {playing ? <Pause aria-hidden="true" className="size-4" /> : <Play aria-hidden="true" className="size-4" />}
          </Button>
          <Button variant="ghost" size="icon" aria-label="Next frame" onClick={() => seek(n + 1)}>
            <ChevronRight aria-hidden="true" className="size-4" />
          </Button>
          <output aria-label="Current frame" className="rounded bg-surface-2 px-2 py-0.5 font-mono text-sm text-fg tabular-nums">
            {frameNumber}
          </output>
          <output aria-label="Timecode" className="font-mono text-sm text-muted tabular-nums">
            {timecodeOf(frameNumber)}
          </output>
        </div>
        <div className="px-2 pb-2">
          <div
            role="slider"
            tabIndex={0}
            aria-label="Timeline"
            aria-valuemin={first}
            aria-valuemax={first + last}
            aria-valuenow={frameNumber}
            onKeyDown={(e) => {
              if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
                e.preventDefault();
                seek(n + (e.key === "ArrowLeft" ? -1 : 1));
              }
            }}
            className="relative h-10 cursor-pointer touch-none rounded-md bg-surface-2"
            onPointerDown={(e) => {
              scrubbing.current = true;
              capture(e);
              scrubTo(e);
            }}
            onPointerMove={(e) => scrubbing.current && scrubTo(e)}
            onPointerUp={() => {
              scrubbing.current = false;
            }}
          >
            <span aria-hidden="true" className="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-accent" style={{ left: at(n) }} />
            {flattenNotes(notes)
              .filter((note) => note.frame_in !== null)
              .map((note) => (
                <span key={note.id} aria-hidden="true" className="absolute top-0 size-2.5 -translate-x-1/2 rotate-45 bg-warning" style={{ left: at((note.frame_in ?? first) - first) }} />
              ))}
          </div>
        </div>
      </section>
      <aside className="flex min-h-0 w-full shrink-0 flex-col gap-3 lg:w-96">
        <ClientDecisions data={data} decide={actions.decide} />
        {data.can_comment && (
          <section aria-label="Write a note" className="space-y-2 rounded-lg border border-line bg-surface p-3">
            <textarea
              aria-label={`Note on frame ${String(frameNumber)}`}
              placeholder="Pause on a frame, draw if you like, and write your note"
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              className="w-full resize-y rounded-md border border-line bg-surface-2 px-3 py-2 text-sm text-fg placeholder:text-faint focus:border-accent focus:outline-none"
            />
            <div className="flex items-center gap-2">
              <Button size="sm" onClick={save} disabled={actions.note.isPending || (!body.trim() && !draft.length)}>
                Save note at {frameNumber}
              </Button>
              {draft.length > 0 && <span className="text-xs text-muted">{draft.length} shape{draft.length > 1 ? "s" : ""} drawn</span>}
            </div>
            {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
          </section>
        )}
        <section aria-label="Version notes" className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-line bg-surface p-2">
          <h3 className="px-2 pt-1 text-xs font-semibold tracking-wide text-muted uppercase">Notes</h3>
          <ClientNotes
            notes={notes}
            selectedId={selected}
            onSelect={(note) => {
              setSelected(note.id);
              if (note.frame_in !== null) seek(note.frame_in - first);
            }}
          />
        </section>
      </aside>
    </div>
  );
}

/** Download the version; in projects that burn the viewer's name in, the copy is prepared
 * first (the button waits, saying so). */
function DownloadButton({ where, versionId, watermarked }: { where: ClientWhere; versionId: number; watermarked: boolean }) {
  const { download } = useClientActions(where, versionId);
  return (
    <span className="ml-auto flex items-center gap-2">
      {download.isError && <span role="alert" className="text-xs text-danger">{isApiError(download.error) ? download.error.message : "Could not download."}</span>}
      {download.isPending && watermarked && (
        <span role="status" className="text-xs text-muted">
          Preparing your copy with your name on it…
        </span>
      )}
      <Button
        size="sm"
        variant="secondary"
        disabled={download.isPending}
        title={watermarked ? "Your name and today's date are burned into the downloaded picture." : undefined}
        onClick={() => download.mutate(undefined, { onSuccess: (link) => link.url && window.location.assign(link.url) })}
      >
        <Download aria-hidden="true" className="size-4" /> Download
      </Button>
    </span>
  );
}
