// Writes an event stream straight to Node's response for the connection, with
// nothing of the framework's in between (docs/PERFORMANCE.md, "Memory per idle
// event stream").
import type { ServerResponse } from "node:http";
import type { EventSink } from "./permission-stream";

export class NodeResponseSink implements EventSink {
  constructor(private readonly res: ServerResponse) {}

  write(bytes: Uint8Array): void {
    this.res.write(bytes);
  }

  /** Bytes the kernel would not take yet: its send buffer is full, so the peer is not reading. */
  stalled(): boolean {
    return this.res.writableLength > 0;
  }

  end(how: "close" | "error"): void {
    if (how === "close") this.res.end();
    else this.res.destroy();
  }
}
