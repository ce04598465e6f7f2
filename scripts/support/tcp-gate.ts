// A TCP relay in front of PostgreSQL that a test can cut and reopen, to play
// "the database became unreachable" without touching the real server, which
// other tests are using at the same time.
// - cut(): every open connection drops, and each new one is reset at once (a
//   host whose database is down refuses it); they are counted, which is how
//   tests count reconnection attempts.
// - silence(): a partition that says nothing: open connections stop carrying
//   data and new ones are accepted but never answered.
// - open(): relays again; connections left silent are dropped then.
import net from "node:net";

export type TcpGate = {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Open connections go quiet; new ones are accepted and never answered. */
  silence(): Promise<void>;
  /** Accepts and relays connections again, on the same port. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Connections relayed so far, refused while cut, currently relayed, and held silent. */
  counts(): { relayed: number; refused: number; open: number; held: number };
};

export async function startTcpGate(target: { host: string; port: number }): Promise<TcpGate> {
  let mode: "open" | "refuse" | "silent" = "open";
  const relays = new Map<net.Socket, net.Socket>(); // app side → server side
  const held = new Set<net.Socket>(); // silenced or never answered
  let relayed = 0;
  let refused = 0;

  const server = net.createServer((client) => {
    client.on("error", () => client.destroy());
    if (mode === "refuse") {
      refused++;
      client.resetAndDestroy();
      return;
    }
    if (mode === "silent") {
      hold(client);
      return;
    }
    relayed++;
    const upstream = net.connect(target.port, target.host);
    upstream.on("error", () => upstream.destroy());
    relays.set(client, upstream);
    client.on("close", () => relays.delete(client));
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const hold = (socket: net.Socket) => {
    socket.resume(); // reads and drops everything, never answers
    held.add(socket);
    socket.on("close", () => held.delete(socket));
  };
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const dropAll = () => {
    for (const [client, upstream] of relays) {
      client.destroy();
      upstream.destroy();
    }
    for (const socket of held) socket.destroy();
  };
  return {
    port,
    async cut() {
      mode = "refuse";
      dropAll();
    },
    async silence() {
      mode = "silent";
      for (const [client, upstream] of relays) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // Both keep reading and drop what they read: the data vanishes, as in a
        // partition, and a close from either end is still noticed.
        client.resume();
        upstream.resume();
        relays.delete(client);
        hold(client); // its upstream closes with it
      }
    },
    async open() {
      mode = "open";
      for (const socket of held) socket.destroy();
    },
    async close() {
      mode = "refuse";
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    counts: () => ({ relayed, refused, open: relays.size, held: held.size }),
  };
}
