import type { ServerResponse } from 'node:http';
import type { GoldEngine } from '../engines/engine.js';

/**
 * `GET /v1/events`: server-sent events telling pages when the Gold behind the server changed
 * (a rebuilt folder: the engine's generation moved), so `<goldboard-source refresh>` revalidates
 * at once instead of at its next tick. One event type, `gold-changed`, with
 * `{ "generation", "period" }`; a comment line every `keepAliveMs` keeps proxies from closing
 * an idle stream. The engine is looked at once per `pollMs` while anyone listens, never otherwise.
 */
export class GoldEvents {
  private readonly listeners = new Set<ServerResponse>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private generation = '';

  constructor(
    private readonly engine: GoldEngine,
    private readonly pollMs = 1000,
    private readonly keepAliveMs = 20_000,
  ) {}

  /** Answers a request with the stream (headers such as CORS already set on `res` are kept). */
  open(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
    // Reconnect after 5 s when the stream breaks; the comment flushes the headers to the page.
    res.write('retry: 5000\n: listening\n\n');
    this.listeners.add(res);
    res.once('close', () => {
      this.listeners.delete(res);
      if (this.listeners.size === 0) this.stop();
    });
    this.start();
  }

  get size(): number {
    return this.listeners.size;
  }

  private start(): void {
    if (this.timer) return;
    this.generation = this.engine.generation();
    let quiet = 0;
    this.timer = setInterval(() => {
      const generation = this.engine.generation();
      if (generation !== this.generation) {
        this.generation = generation;
        quiet = 0;
        this.send(`event: gold-changed\ndata: ${JSON.stringify({ generation, period: this.engine.period() ?? null })}\n\n`);
      } else if ((quiet += this.pollMs) >= this.keepAliveMs) {
        quiet = 0;
        this.send(': keep-alive\n\n');
      }
    }, this.pollMs);
    this.timer.unref();
  }

  private send(text: string): void {
    for (const res of this.listeners) res.write(text);
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    for (const res of this.listeners) res.end();
    this.listeners.clear();
    this.stop();
  }
}
