// A stand-in app for the supervisor's tests: answers GET /health with 200 on
// FAKE_PORT, prints a line every FAKE_CHATTER_MS (if set), exits with code 3
// after FAKE_CRASH_AFTER_MS (if set), and stops cleanly on SIGTERM.
import { createServer } from 'node:http';

const server = createServer((request, response) => response.writeHead(request.url === '/health' ? 200 : 404).end());
server.listen(Number(process.env.FAKE_PORT), '127.0.0.1', () => console.log(`fake app listening on ${process.env.FAKE_PORT}`));
if (process.env.FAKE_CHATTER_MS) setInterval(() => console.log('still here'), Number(process.env.FAKE_CHATTER_MS));
if (process.env.FAKE_CRASH_AFTER_MS) setTimeout(() => process.exit(3), Number(process.env.FAKE_CRASH_AFTER_MS));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
