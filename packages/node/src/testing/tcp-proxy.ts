/**
 * A TCP forwarder on 127.0.0.1 in front of a local service (tests put it between the node and its L1), which can
 * be cut — listener closed, every open connection destroyed, so clients see "connection refused" — and restored
 * on the same port while the service behind it keeps its state.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

import { freePort } from "./free-port.js";

export class TcpProxy {
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;

  private constructor(
    readonly port: number,
    readonly targetPort: number,
    readonly targetHost: string,
  ) {}

  /** Starts forwarding 127.0.0.1:`port` (default: a free one) → `targetHost`:`targetPort`. */
  static async start(targetPort: number, options: { port?: number; targetHost?: string } = {}): Promise<TcpProxy> {
    const proxy = new TcpProxy(options.port ?? (await freePort()), targetPort, options.targetHost ?? "127.0.0.1");
    await proxy.restore();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isOpen(): boolean {
    return this.#server !== undefined;
  }

  /** Listens again (no-op if open). */
  async restore(): Promise<void> {
    if (this.#server) return;
    const server = createServer((client) => this.#forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.#server = server;
  }

  /** Stops listening and destroys every open connection (no-op if cut). */
  async cut(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
  }

  close(): Promise<void> {
    return this.cut();
  }

  #forward(client: Socket): void {
    const upstream = createConnection({ port: this.targetPort, host: this.targetHost });
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
