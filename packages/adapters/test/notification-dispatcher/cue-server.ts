import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with the next request: answer with a status (and body, headers), or hang past any deadline. */
export type Cue =
  { readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> } | { readonly hang: true };

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface CueServer {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  /** Queues cues for requests to `path`; with none left, the server answers 200. */
  cue(path: string, ...cues: Cue[]): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that fails, times out and succeeds on cue. */
export async function startCueServer(): Promise<CueServer> {
  const cues = new Map<string, Cue[]>();
  const received: ReceivedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const cue = cues.get(path)?.shift() ?? { status: 200 };
      if ("hang" in cue) {
        hanging.add(res);
        return;
      }
      res.writeHead(cue.status, cue.headers);
      res.end(cue.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    cue(path, ...more) {
      cues.set(path, [...(cues.get(path) ?? []), ...more]);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
