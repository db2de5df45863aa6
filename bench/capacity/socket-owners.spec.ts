import { parseProcNetTcp } from './socket-owners.ts';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:D80C 0100007F:D888 01 00000000:00000000 00:00000000 00000000     0        0 26838 1 00000000d594cfc9 20 4 30 10 -1
   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1594 1 00000000028ba2fd 100 0 0 10 0
`;

describe('parseProcNetTcp', () => {
  it('reads each socket\'s local port (hex) and inode', () => {
    expect(parseProcNetTcp(TCP)).toEqual([
      { localPort: 0xd80c, inode: 26838 },
      { localPort: 2024, inode: 1594 },
    ]);
  });

  it('reads tcp6 addresses, whose port follows the last colon', () => {
    const line = '   0: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 777 1 0 20 4 30 10 -1';
    expect(parseProcNetTcp(`header\n${line}\n`)).toEqual([{ localPort: 8080, inode: 777 }]);
  });
});
