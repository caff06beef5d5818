import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/protocol";

export interface WatcherTotals {
  rows: number;
  records: number;
  missed: number;
}

/** `count` socket.io clients watching one flow; each counts what it gets. */
export async function startWatchers(base: string, flowId: string, count: number) {
  const totals: WatcherTotals = { rows: 0, records: 0, missed: 0 };
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
        transports: ["websocket"],
        forceNew: true,
      });
      sockets.push(socket);
      socket.on("deliveries", (batch) => {
        totals.rows += batch.rows.length;
        totals.missed += batch.missed;
        for (const n of Object.values(batch.total)) totals.records += n;
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () =>
          socket.emit("watch", { flowId, recent: 500 }, (answer) =>
            answer.ok ? resolve() : reject(new Error(answer.error)),
          ),
        );
        socket.once("connect_error", reject);
      });
    }),
  );
  return { totals, close: () => sockets.forEach((s) => s.disconnect()) };
}
