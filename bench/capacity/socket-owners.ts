// Which processes hold which TCP ports: a PostgreSQL backend's title names its
// client's port ("postgres: shop_order shop_order 127.0.0.1(51234) idle"), and
// the port is found among the sockets of the benchmark's own apps, so the
// backends serving them are told apart from those of anyone else using the
// same cluster (other apps, tests, this benchmark).
import fs from 'node:fs';

export interface TcpSocket {
  localPort: number;
  inode: number;
}

/** /proc/net/tcp or tcp6: "sl local_address rem_address st ... uid timeout inode", addresses as HEXADDR:HEXPORT. */
export function parseProcNetTcp(text: string): TcpSocket[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 10)
    .map((fields) => ({ localPort: Number.parseInt(fields[1]!.split(':').at(-1)!, 16), inode: Number(fields[9]) }));
}

/** The socket inodes among a process's file descriptors (links "socket:[inode]"). */
function socketInodes(pid: number): number[] {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return []; // exited
  }
  return fds.flatMap((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match ? [Number(match[1])] : [];
    } catch {
      return []; // closed meanwhile
    }
  });
}

/** The local TCP ports of every socket the processes hold now. */
export function localPortsOf(pids: readonly number[]): Set<number> {
  const inodes = new Set(pids.flatMap(socketInodes));
  const sockets = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => {
    try {
      return parseProcNetTcp(fs.readFileSync(file, 'utf8'));
    } catch {
      return [];
    }
  });
  return new Set(sockets.filter((socket) => inodes.has(socket.inode)).map((socket) => socket.localPort));
}
