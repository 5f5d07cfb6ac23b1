import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowUpRight, ChevronLeft, ChevronRight, Maximize, Pause, Play } from "lucide-react";
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "react-router";

import type { AccountRead } from "@/api/auth";
import { notesQueryOptions, playerQueryOptions, readShapes, type NoteRead, type PlayerData, type Shape } from "@/api/review";
import { ErrorNote, Loading } from "@/components/ui/bits";
import { Button } from "@/components/ui/button";
import { COLORS, WIDTHS, type Tool } from "@/features/review-player/annotation";
import { AnnotationOverlay } from "@/features/review-player/components/annotation-overlay";
import { ApprovalBar } from "@/features/review-player/components/approval-bar";
import { paneSize } from "@/features/review-player/compare";
import { CompareView } from "@/features/review-player/components/compare-view";
import { DrawingTools } from "@/features/review-player/components/drawing-tools";
import { FrameNoteForm } from "@/features/review-player/components/frame-note-form";
import { NotesList } from "@/features/review-player/components/notes-list";
import { Timeline } from "@/features/review-player/components/timeline";
import { CompareControls, ZoomControls } from "@/features/review-player/components/view-controls";
import { useCompare } from "@/features/review-player/use-compare";
import { useElementSize } from "@/features/review-player/use-element-size";
import { useFollowPlayback, useReverseShuttle } from "@/features/review-player/use-playback";
import { actualSize, FIT, zoomAt, zoomLabel, ZOOM_STEP, type View } from "@/features/review-player/zoom";
import { cn } from "@/lib/cn";
import { frameSeekSeconds, frameToTimecode, secondsToFrame, timecodeToFrame, type Rate } from "@/lib/timecode";

interface Props {
  versionId: number;
  account: AccountRead;
  /** Embedded in the task page (no link to itself, smaller). */
  embedded?: boolean;
  /** Frame number to start on (e.g. from `?frame=`). */
  initialFrame?: number | null;
}

/** The review player for one version: loads `GET /versions/{id}/player`. */
export function ReviewPlayer({ versionId, account, embedded = false, initialFrame = null }: Props) {
  const player = useQuery(playerQueryOptions(versionId));
  if (player.isPending) return <Loading label="Loading the player…" />;
  if (player.isError) return <ErrorNote error={player.error} />;
  const data = player.data;
  if (data.state === "failed") {
    const reason = data.version.media?.[0]?.failure_reason;
    return <ErrorNote>{`This version's media could not be processed${reason ? `: ${reason}` : "."}`}</ErrorNote>;
  }
  if (!data.proxy_url || !data.rate || !data.width || !data.height) {
    return (
      <div role="status" className="flex h-full min-h-48 items-center justify-center rounded-lg bg-black text-sm text-muted">
        Processing… the player opens when the proxy is ready.
      </div>
    );
  }
  return <PlayerView key={data.media_id} data={data} account={account} embedded={embedded} initialFrame={initialFrame} />;
}

function isTyping(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function flatten(notes: readonly NoteRead[]): NoteRead[] {
  return notes.flatMap((n) => [n, ...flatten(n.replies ?? [])]);
}

function PlayerView({ data, account, embedded, initialFrame }: { data: PlayerData; account: AccountRead; embedded: boolean; initialFrame: number | null }) {
  const rate: Rate = useMemo(() => ({ numerator: data.rate?.numerator ?? 24, denominator: data.rate?.denominator ?? 1 }), [data.rate]);
  const source = useMemo(() => ({ width: data.width ?? 1920, height: data.height ?? 1080 }), [data.width, data.height]);
  const first = data.first_frame;
  const count = Math.max(1, data.frame_count ?? (data.last_frame !== null ? data.last_frame - first + 1 : 1));
  const last = count - 1;
  const clip = useMemo(() => ({ first, count, rate }), [first, count, rate]);
  // the timecode of media frame 0: the source's own, else the first frame number's
  const tcBase = useMemo(() => {
    if (data.start_timecode) {
      try {
        return timecodeToFrame(data.start_timecode, rate);
      } catch {
        /* fall through */
      }
    }
    return Math.max(0, first);
  }, [data.start_timecode, first, rate]);
  const timecodeOf = useCallback((frameNumber: number) => frameToTimecode(Math.max(0, tcBase + frameNumber - first), rate, data.rate?.drop_frame), [tcBase, first, rate, data.rate?.drop_frame]);

  const qc = useQueryClient();
  const notesQuery = useQuery({ ...notesQueryOptions("versions", data.version.id), initialData: data.notes });
  const notes = notesQuery.data;

  const video = useRef<HTMLVideoElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const stageSize = useElementSize(stage);
  const [src, setSrc] = useState(data.proxy_url ?? "");
  const [n, setN] = useState(() => (initialFrame !== null ? Math.min(last, Math.max(0, initialFrame - first)) : 0));
  const nRef = useRef(n);
  const [playing, setPlaying] = useState(false);
  const [reverse, setReverse] = useState(0); // J shuttle speed (frames per frame interval)
  const [loop, setLoop] = useState<{ in: number | null; out: number | null }>({ in: null, out: null });
  const [view, setView] = useState<View>(FIT);
  const space = useRef<{ panned: boolean } | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [tool, setTool] = useState<Tool | null>(null);
  const [color, setColor] = useState<string>(COLORS[0]);
  const [strokeWidth, setStrokeWidth] = useState<number>(WIDTHS[1]);
  const [draft, setDraft] = useState<Shape[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const frameNumber = first + n;
  const compare = useCompare({ taskId: data.version.task_id, currentId: data.version.id, leader: clip, index: n, playing, leaderVideo: video });
  const pane = paneSize(stageSize, compare.other ? compare.mode : "off");
  const updateView = useCallback((update: (v: View) => View) => setView(update), []);
  const zoomBy = (factor: number) => setView((v) => zoomAt(v, factor, [pane.width / 2, pane.height / 2], pane));

  const show = useCallback((next: number) => {
    nRef.current = next;
    setN(next);
  }, []);

  /** Seek so the browser lands inside media frame `target` (the middle of its interval). */
  const seek = useCallback(
    (target: number) => {
      const clamped = Math.min(last, Math.max(0, Math.round(target)));
      const v = video.current;
      if (v) {
        if (!v.paused) v.pause();
        v.currentTime = frameSeekSeconds(clamped, rate);
      }
      show(clamped);
    },
    [last, rate, show],
  );

  useFollowPlayback({ video, playing, rate, last, loop, show });
  useReverseShuttle({ reverse, setReverse, rate, loop, seek, nRef });

  const play = () => {
    const v = video.current;
    if (!v) return;
    setReverse(0);
    if (n >= last) v.currentTime = frameSeekSeconds(loop.in ?? 0, rate);
    void v.play().catch(() => setPlaying(false));
  };
  const pause = () => {
    setReverse(0);
    video.current?.pause();
  };
  const toggle = () => (playing || reverse ? pause() : play());
  const step = (delta: number) => {
    pause();
    seek(nRef.current + delta);
  };

  const shapesHere = useMemo(() => {
    if (playing) return [];
    const all = flatten(notes);
    const pick = all.find((note) => note.id === selected && note.frame_in === frameNumber);
    const here = pick ? [pick] : all.filter((note) => note.frame_in === frameNumber);
    return here.flatMap((note) => readShapes(note.annotation));
  }, [notes, selected, frameNumber, playing]);

  const selectNote = (note: NoteRead) => {
    setSelected(note.id);
    if (note.frame_in !== null) {
      pause();
      seek(note.frame_in - first);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTyping(e.target) || e.altKey) return;
    const key = e.key;
    if ((e.metaKey || e.ctrlKey) && key.toLowerCase() === "z") {
      e.preventDefault();
      setDraft((d) => d.slice(0, -1));
      return;
    }
    if (e.metaKey || e.ctrlKey) return;
    if (key === " ") {
      // space toggles playback on release, unless it was held to pan (space + drag)
      e.preventDefault();
      if (!e.repeat) {
        space.current = { panned: false };
        setSpaceHeld(true);
      }
      return;
    }
    const actions: Record<string, () => void> = {
      k: pause,
      K: pause,
      ArrowLeft: () => step(e.shiftKey ? -10 : -1),
      ArrowRight: () => step(e.shiftKey ? 10 : 1),
      Home: () => step(-count),
      End: () => step(count),
      l: () => {
        const v = video.current;
        if (!v) return;
        if (playing) v.playbackRate = Math.min(4, v.playbackRate * 2);
        else {
          v.playbackRate = 1;
          play();
        }
      },
      j: () => {
        video.current?.pause();
        setReverse((r) => Math.min(4, r ? r * 2 : 1));
      },
      i: () => setLoop((l) => ({ ...l, in: nRef.current })),
      o: () => setLoop((l) => ({ ...l, out: nRef.current })),
      "+": () => zoomBy(ZOOM_STEP),
      "=": () => zoomBy(ZOOM_STEP),
      "-": () => zoomBy(1 / ZOOM_STEP),
      f: () => setView(FIT),
      F: () => setView(FIT),
      "1": () => setView((v) => actualSize(v, pane, source)),
      Escape: () => {
        setTool(null);
        setLoop({ in: null, out: null });
      },
    };
    const action = actions[key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key !== " " || !space.current) return;
    const { panned } = space.current;
    space.current = null;
    setSpaceHeld(false);
    if (!panned && !isTyping(e.target)) toggle();
  };

  const markers = useMemo(() => {
    const seen = new Map<number, NoteRead>();
    for (const note of flatten(notes)) if (note.frame_in !== null && !seen.has(note.frame_in)) seen.set(note.frame_in, note);
    return [...seen.values()];
  }, [notes]);

  const label = `v${String(data.version.number).padStart(3, "0")}`;
  return (
    <div
      ref={root}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={() => {
        space.current = null;
        setSpaceHeld(false);
      }}
      data-frame={frameNumber}
      aria-label={`Review player, ${label}`}
      role="region"
      className="flex h-full min-h-0 flex-col gap-3 outline-none focus-visible:ring-2 focus-visible:ring-accent/40 lg:flex-row"
    >
      <section className="flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded-lg border border-line bg-surface">
        <div role="toolbar" aria-label="Drawing tools" className="flex flex-wrap items-center gap-1 border-b border-line px-2 py-1.5">
          <DrawingTools
            tool={tool}
            onTool={(t) => {
              pause();
              setTool(t);
            }}
            color={color}
            onColor={setColor}
            strokeWidth={strokeWidth}
            onStrokeWidth={setStrokeWidth}
            canUndo={draft.length > 0}
            onUndo={() => setDraft((d) => d.slice(0, -1))}
          />
          <span className="ml-auto flex items-center gap-1">
            <CompareControls mode={compare.mode} onMode={compare.setMode} versions={compare.versions} currentId={data.version.id} otherId={compare.otherId} onOther={compare.setOther} />
            {!embedded ? null : (
              <Link to={`/review/${String(data.version.id)}?frame=${String(frameNumber)}`} className="flex h-8 items-center gap-1 rounded-md px-2 text-xs text-muted hover:bg-surface-3 hover:text-fg">
                Open player <ArrowUpRight aria-hidden="true" className="size-3.5" />
              </Link>
            )}
            <button type="button" aria-label="Full screen" title="Full screen" onClick={() => void root.current?.requestFullscreen().catch(() => undefined)} className="flex size-8 items-center justify-center rounded-md text-muted hover:bg-surface-3 hover:text-fg">
              <Maximize aria-hidden="true" className="size-4" />
            </button>
          </span>
        </div>
        <CompareView
          stage={stage}
          stageSize={stageSize}
          mode={compare.mode}
          label={label}
          source={source}
          view={view}
          onView={updateView}
          drawing={tool !== null}
          spaceHeld={spaceHeld}
          onPanned={() => {
            if (space.current) space.current.panned = true;
          }}
          onClick={toggle}
          other={compare.other}
          primary={
            <video
              ref={video}
              src={src}
              className="block size-full"
              playsInline
              preload="auto"
              aria-label="Version media"
              onLoadedMetadata={(e) => {
                e.currentTarget.currentTime = frameSeekSeconds(nRef.current, rate);
              }}
              onPlay={() => setPlaying(true)}
              onPause={(e) => {
                setPlaying(false);
                // land exactly inside the frame on screen
                const frame = Math.min(last, secondsToFrame(e.currentTarget.currentTime, rate));
                e.currentTarget.currentTime = frameSeekSeconds(frame, rate);
                show(frame);
              }}
              onEnded={() => setPlaying(false)}
              onError={() => {
                // the signed URL expired: ask again, keep the frame
                void qc.query({ ...playerQueryOptions(data.version.id), staleTime: 0 }).then((fresh) => {
                  if (fresh.proxy_url && fresh.proxy_url !== src) setSrc(fresh.proxy_url);
                });
              }}
            />
          }
          overlay={<AnnotationOverlay source={source} shown={shapesHere} draft={draft} tool={spaceHeld ? null : tool} style={{ color, strokeWidth }} onAdd={(s) => setDraft((d) => [...d, s])} />}
        />
        <div className="flex flex-wrap items-center gap-2 border-t border-line px-2 py-1.5">
          <Button variant="ghost" size="icon" aria-label="Previous frame" title="Previous frame (←)" onClick={() => step(-1)}>
            <ChevronLeft aria-hidden="true" className="size-4" />
          </Button>
          <Button variant="ghost" size="icon" aria-label={playing ? "Pause" : "Play"} title="Play/pause (space)" onClick={toggle}>
            {playing ? <Pause aria-hidden="true" className="size-4" /> : <Play aria-hidden="true" className="size-4" />}
          </Button>
          <Button variant="ghost" size="icon" aria-label="Next frame" title="Next frame (→)" onClick={() => step(1)}>
            <ChevronRight aria-hidden="true" className="size-4" />
          </Button>
          <output aria-label="Current frame" className="rounded bg-surface-2 px-2 py-0.5 font-mono text-sm text-fg tabular-nums">
            {frameNumber}
          </output>
          <output aria-label="Timecode" className="font-mono text-sm text-muted tabular-nums">
            {timecodeOf(frameNumber)}
          </output>
          <span className="text-xs text-faint tabular-nums">
            {first}–{first + last} · {rate.denominator === 1 ? rate.numerator : (rate.numerator / rate.denominator).toFixed(3)} fps
          </span>
          {(loop.in !== null || loop.out !== null) && (
            <span className="text-xs text-accent">
              loop {loop.in !== null ? first + loop.in : first}–{loop.out !== null ? first + loop.out : first + last}
            </span>
          )}
          <span className="ml-auto">
            <ZoomControls label={zoomLabel(pane, source, view)} onZoom={zoomBy} onFit={() => setView(FIT)} onActual={() => setView((v) => actualSize(v, pane, source))} />
          </span>
        </div>
        <div className="px-2 pb-2">
          <Timeline
            first={first}
            count={count}
            index={n}
            loop={loop}
            filmstripUrl={data.filmstrip?.url ?? null}
            markers={markers}
            onScrubStart={pause}
            onSeek={seek}
            onMarker={selectNote}
          />
        </div>
      </section>
      <aside className={cn("flex min-h-0 w-full shrink-0 flex-col gap-3 lg:w-80", embedded ? "" : "lg:w-96")}>
        <ApprovalBar version={data.version} account={account} />
        <FrameNoteForm
          versionId={data.version.id}
          frameNumber={frameNumber}
          draft={draft}
          onSaved={(id) => {
            setDraft([]);
            setTool(null);
            setSelected(id);
          }}
        />
        <section aria-label="Version notes" className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-line bg-surface p-2">
          <h3 className="px-2 pt-1 text-xs font-semibold tracking-wide text-muted uppercase">Notes</h3>
          <NotesList notes={notes} account={account} timecodeOf={timecodeOf} onSelect={selectNote} selectedId={selected} empty="No notes on this version yet. Pause on a frame, draw, and write one." />
        </section>
      </aside>
    </div>
  );
}
