// Jest's global teardown: a bound on how long Jest's process may outlive the last test.
//
// On two cores Jest runs every suite in its own process (one worker), so anything a test
// leaves running keeps that process, and CI, waiting for ever. Once, a kafkajs consumer
// whose restart was scheduled while the test disconnected it retried against a cluster
// that was gone. Such a leak is a defect of a test and must be found, not waited out: after
// a minute this prints what is still holding the event loop, then ends the process with the
// tests' own status (Jest sets it on exit).
const GRACE_MS = 60_000;

export default function lingerGuard() {
  setTimeout(() => {
    const sockets = process
      ._getActiveHandles()
      .filter((handle) => handle?.remoteAddress !== undefined)
      .map((socket) => `${socket.remoteAddress}:${socket.remotePort}`);
    process.stderr.write(
      `\nJest's process was still alive ${GRACE_MS / 1000} s after the last test: a test left something running.\n` +
        `  resources holding it: ${process.getActiveResourcesInfo().join(', ') || 'none listed'}\n` +
        `  open sockets to: ${sockets.join(', ') || 'none'}\n` +
        `Ending it with the tests' status. Find the leak with ./shop test --detectOpenHandles <the suites>.\n`,
    );
    process.exit();
  }, GRACE_MS).unref();
}
