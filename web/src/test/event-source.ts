/** A stand-in for the browser's EventSource (happy-dom has none): install with
 * `vi.stubGlobal("EventSource", FakeEventSource)`, then drive the latest instance. */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error("no stream opened");
    return source;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event("open"));
  }
  /** An event of the log, as the server sends it: a plain `message` with an id. */
  emit(id: number, item: { verb: string; entity_type: string; links?: { entity_type: string | null }[] }) {
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(item), lastEventId: String(id) }));
  }
  /** The viewer's unread count: a `notification` message without an id. */
  notify(unread: number) {
    this.dispatchEvent(new MessageEvent("notification", { data: JSON.stringify({ unread }) }));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}
