// A TCP relay in front of PostgreSQL that a test can cut and reopen, to play
// "the database became unreachable" without touching the real server, which
// other tests are using at the same time. While cut it keeps its port and
// resets every connection at once (as a host whose database is down would
// refuse it), counting them: that is how tests count reconnection attempts.
import net from "node:net";

export type TcpGate = {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Connections relayed so far, and connections refused while cut. */
  counts(): { relayed: number; refused: number; open: number };
};

export async function startTcpGate(target: { host: string; port: number }): Promise<TcpGate> {
  const sockets = new Set<net.Socket>();
  const relays = new Set<net.Socket>(); // the app side of each relayed connection
  let isOpen = true;
  let relayed = 0;
  let refused = 0;

  const server = net.createServer((client) => {
    if (!isOpen) {
      refused++;
      client.on("error", () => {});
      client.resetAndDestroy();
      return;
    }
    relayed++;
    relays.add(client);
    client.on("close", () => relays.delete(client));
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const cut = async () => {
    isOpen = false;
    sockets.forEach((socket) => socket.destroy());
  };
  return {
    port,
    cut,
    async open() {
      isOpen = true;
    },
    async close() {
      await cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    counts: () => ({ relayed, refused, open: relays.size }),
  };
}
