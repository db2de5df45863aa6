// The health check of an app's container (docker-compose.yml): healthy when the
// app's readiness endpoint answers 200, i.e. its database and Kafka are up.
const url = `http://127.0.0.1:${process.env.PORT}/health`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) {
    console.error(`${url}: ${response.status} ${await response.text()}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${url}: ${error.message}`);
  process.exit(1);
}
