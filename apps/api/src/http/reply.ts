/**
 * What a handler may do to the response it shares with Nest (`@Res({ passthrough: true })`):
 * set the status and headers. Fastify's reply has both.
 */
export interface Reply {
  status(statusCode: number): unknown;
  header(name: string, value: string): unknown;
}
