import { createServer, type Server } from 'node:http';
import type { MeetupYoga } from './yoga.js';

/** An HTTP server around Yoga; `/` leads to the GraphiQL page at `/graphql`. */
export function createHttpServer(yoga: MeetupYoga): Server {
  return createServer((req, res) => {
    if (req.url === '/' || req.url === '') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    void yoga(req, res);
  });
}
