import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAppRouter, type NodeServices, type ProverServices } from "@zklite/api";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Logger } from "pino";
import type { NodeMetrics } from "../metrics/node-metrics.js";

export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  /** `Access-Control-Allow-Origin` for browser clients (the wallet calls the node from its pages). */
  readonly corsOrigin: string;
  /** The `prover.*` procedures; absent: they answer PROVER_API_DISABLED. */
  readonly prover?: ProverServices | undefined;
}

/**
 * The node's HTTP face: the tRPC router at `/trpc` (queries, mutations, and SSE subscriptions),
 * Prometheus metrics at `/metrics`, liveness at `/health`. Bound to one host (127.0.0.1 by default).
 */
export class ApiServer {
  private server: Server | undefined;

  constructor(
    private readonly services: NodeServices,
    private readonly metrics: NodeMetrics,
    private readonly logger: Logger,
    private readonly options: ApiServerOptions,
  ) {}

  async listen(): Promise<AddressInfo> {
    const trpc = createHTTPHandler({
      router: createAppRouter(this.services, this.options.prover),
      basePath: "/trpc/",
      createContext: ({ req }) => ({ authorization: req.headers.authorization }),
      maxBodySize: this.options.maxBodyBytes,
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") this.logger.error({ err: error, path }, "API error");
      },
    });
    const server = createServer((request, response) => {
      void this.route(request, response, trpc);
    });
    server.keepAliveTimeout = 65_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse, trpc: ReturnType<typeof createHTTPHandler>): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    response.setHeader("access-control-allow-origin", this.options.corsOrigin);
    response.setHeader("access-control-allow-headers", "content-type, trpc-accept, last-event-id, authorization");
    response.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    try {
      if (request.method === "OPTIONS") {
        response.writeHead(204);
        response.end();
      } else if (path === "/metrics") {
        response.writeHead(200, { "content-type": this.metrics.registry.contentType });
        response.end(await this.metrics.registry.metrics());
      } else if (path === "/health") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"status":"ok"}');
      } else if (path?.startsWith("/trpc/") === true) {
        trpc(request, response);
      } else {
        response.writeHead(404, { "content-type": "application/json" });
        response.end('{"error":"not found: the API is under /trpc/"}');
      }
    } catch (error) {
      this.logger.error({ err: error }, "HTTP handler failed");
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  }
}
