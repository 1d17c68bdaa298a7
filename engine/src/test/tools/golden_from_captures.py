#!/usr/bin/env python3
"""Regenerates engine/src/test/resources/golden/*.hex from the qperf 0.4.11 reference captures.

Usage: golden_from_captures.py CAPTURES_DIR OUT_DIR
  CAPTURES_DIR  the directory holding NAME.md and pcap/NAME.ctrl.pcap (reference/captures)
  OUT_DIR       engine/src/test/resources/golden

For every capture the control connection is reassembled from the pcap (no tshark needed), split into its fixed-size
messages (spec section 3.1), each message is checked to be byte-identical to the hex dump in the capture's .md, and
written as one fixture: '#' header lines (message, capture, command, stream offsets), then 'OOOO: hh hh ...' lines.
"""
import os
import re
import struct
import sys

VER = 'qperf-0.4.11'
SERVER_PORT = 19765
SYNC_BEFORE, SYNC_AFTER = b'synchronization before test', b'synchronization after test'

SOCK_C2S = [('req', 200), ('sync-before-c2s', 27), ('sync-after-c2s', 26)]
SOCK_S2C = [('port', 4), ('sync-before-s2c', 27), ('stat', 256)]
# capture -> (command tag used in fixture names, client->server layout, server->client layout); None = rest
CAPTURES = {
    'tcp_bw': ('tcp_bw-t1-m1K', SOCK_C2S, SOCK_S2C),
    'tcp_bw_opts': ('tcp_bw-t1-ip20000-rsb256K-ar1-to7-rca1', SOCK_C2S, SOCK_S2C),
    'udp_bw': ('udp_bw-t1-m1K', SOCK_C2S, SOCK_S2C),
    'udp_bw_default': ('udp_bw-t1', SOCK_C2S, SOCK_S2C),
    'tcp_lat': ('tcp_lat-t1', SOCK_C2S, SOCK_S2C),
    'udp_lat': ('udp_lat-t1-m1K', SOCK_C2S, SOCK_S2C),
    'conf': ('conf', [('req', 200)], [('conf', 256)]),
    'quit': ('quit', [('req', 200), ('sync-before-c2s', 27)], [('sync-before-s2c', 27)]),
    'err_dataport_busy': ('tcp_bw-t1-ip20001-busy', [('req', 200)], [('err-s2c', None)]),
    'err_old_client_version': ('tcp_lat-crafted-ver0.3.9', [('req', 200)], [('err-s2c', None)]),
    'err_new_client_version': ('tcp_lat-crafted-ver0.5.0', [('req', 200)], [('err-s2c', None)]),
    'err_bad_index': ('tcp_lat-crafted-index99', [('req', 200)], [('err-s2c', None)]),
    'err_client_cannot_connect_data': ('tcp_lat-t1-fakeserver-port1', [('req', 200), ('err-c2s', None)],
                                       [('port', 4)]),
}
DESC = {
    'req': 'REQ (client -> server, 200 bytes, spec 2.4)',
    'port': 'PORT (server -> client, u32 little-endian, spec 3.2)',
    'stat': 'STAT (server -> client, 256 bytes = 252 encoded + 4 bytes C struct padding, spec 3.6)',
    'conf': 'CONF (server -> client, 4 x char[64], spec 5; bytes after each NUL are stack garbage)',
    'sync-before-c2s': 'sync "synchronization before test" (client -> server, 27 bytes, spec 3.4)',
    'sync-before-s2c': 'sync "synchronization before test" (server -> client, 27 bytes, spec 3.4)',
    'sync-after-c2s': 'sync "synchronization after test" (client -> server, 26 bytes, spec 3.4)',
    'err-s2c': 'error signal (server -> client): urgent byte "?" then the text, no newline (spec 7)',
    'err-c2s': 'error signal (client -> server): urgent byte "?" then the text, no newline (spec 7)',
}


def pcap_frames(path):
    data = open(path, 'rb').read()
    endian = '<' if struct.unpack('<I', data[:4])[0] in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    off = 24
    while off < len(data):
        incl = struct.unpack(endian + 'I', data[off + 8:off + 12])[0]
        yield linktype, data[off + 16:off + 16 + incl]
        off += 16 + incl


def tcp_segment(linktype, frame):
    if linktype == 1:
        ethertype, p = struct.unpack('>H', frame[12:14])[0], frame[14:]
    elif linktype == 113:
        ethertype, p = struct.unpack('>H', frame[14:16])[0], frame[16:]
    elif linktype == 276:
        ethertype, p = struct.unpack('>H', frame[0:2])[0], frame[20:]
    elif linktype == 0:
        ethertype = 0x0800 if struct.unpack('<I', frame[:4])[0] == 2 else 0x86dd
        p = frame[4:]
    else:
        raise SystemExit('unsupported link type %d' % linktype)
    if ethertype == 0x0800:
        proto, seg = p[9], p[(p[0] & 15) * 4:struct.unpack('>H', p[2:4])[0]]
    elif ethertype == 0x86dd:
        proto, seg = p[6], p[40:40 + struct.unpack('>H', p[4:6])[0]]
    else:
        return None
    if proto != 6:
        return None
    sport, _dport, seq, _ack, offflags = struct.unpack('>HHIIH', seg[:14])
    return sport, seq, offflags & 0x1ff, seg[(offflags >> 12) * 4:]


def streams(path):
    """Both directions of the control connection, reassembled by sequence number."""
    segs, isn = {'C2S': {}, 'S2C': {}}, {}
    for linktype, frame in pcap_frames(path):
        t = tcp_segment(linktype, frame)
        if not t:
            continue
        sport, seq, flags, payload = t
        d = 'S2C' if sport == SERVER_PORT else 'C2S'
        if flags & 0x02:
            isn[d] = seq + 1
        elif payload:
            segs[d][(seq - isn[d]) & 0xffffffff] = payload
    out = {}
    for d, by_seq in segs.items():
        b = bytearray()
        for rel in sorted(by_seq):
            if rel > len(b):
                raise SystemExit('%s: gap in %s stream at %d' % (path, d, len(b)))
            b[rel:rel + len(by_seq[rel])] = by_seq[rel]
        out[d] = bytes(b)
    return out


def md_dumps(path):
    """The hex dump of every '### N.' message section of a capture .md, in order."""
    res, title, buf = [], None, None
    for line in open(path):
        m = re.match(r'### \d+\. (.*)', line)
        if m:
            if title is not None:
                res.append((title, bytes(buf)))
            title, buf = m.group(1).strip(), bytearray()
            continue
        m = re.match(r'    ([0-9a-f]{4})  ((?:[0-9a-f]{2} ?)+)', line)
        if title is not None and m and len(buf) == int(m.group(1), 16):
            buf += bytes.fromhex(m.group(2))
    if title is not None:
        res.append((title, bytes(buf)))
    return res


def md_command(path, prefix):
    line = next(l for l in open(path).read().splitlines() if l.startswith(prefix))
    return line[len(prefix):].strip()


def write_fixture(path, data, header):
    with open(path, 'w') as f:
        for h in header:
            f.write('# ' + h + '\n')
        for i in range(0, len(data), 16):
            f.write('%04x: %s\n' % (i, ' '.join('%02x' % b for b in data[i:i + 16])))


def main(cap_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for cap, (tag, c2s, s2c) in CAPTURES.items():
        md = os.path.join(cap_dir, cap + '.md')
        st = streams(os.path.join(cap_dir, 'pcap', cap + '.ctrl.pcap'))
        msgs = []
        for d, layout in (('C2S', c2s), ('S2C', s2c)):
            data, off = st[d], 0
            for kind, n in layout:
                n = len(data) - off if n is None else n
                msgs.append((kind, d, off, data[off:off + n]))
                off += n
            assert off == len(data), (cap, d, off, len(data))
        dumps = md_dumps(md)
        assert len(dumps) == len(msgs), (cap, len(dumps), len(msgs))
        for title, b in dumps:
            assert any(m[3] == b for m in msgs), (cap, title)
        for kind, d, off, b in msgs:
            assert not kind.startswith('sync-before') or b == SYNC_BEFORE, (cap, kind)
            assert not kind.startswith('sync-after') or b == SYNC_AFTER, (cap, kind)
            header = [
                DESC[kind] + ', %d bytes' % len(b),
                'capture: reference/captures/%s.md (pcap/%s.ctrl.pcap)' % (cap, cap),
                'client:  %s' % md_command(md, 'client :'),
                'server:  %s' % (md_command(md, 'server:') or 'qperf'),
                'stock qperf 0.4.11-3 (Debian 12, amd64) on 127.0.0.1; %s stream bytes %d..%d'
                % ('client->server' if d == 'C2S' else 'server->client', off, off + len(b) - 1),
                'extracted from the pcap by TCP reassembly and checked equal to the hex dump in the .md',
            ]
            if kind == 'stat':
                header.append('bytes 252..255 are uninitialised padding in the stock server (mask them)')
            write_fixture(os.path.join(out_dir, '%s-%s-%s.hex' % (kind, tag, VER)), b, header)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
