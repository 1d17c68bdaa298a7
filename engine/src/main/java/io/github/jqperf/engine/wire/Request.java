package io.github.jqperf.engine.wire;

/**
 * qperf's REQ (client → server, 200 bytes, docs/protocol.md §3.1). u16/u32 fields are held unsigned in {@code int}/{@code long}.
 *
 * @param verMaj      off 0, u16
 * @param verMin      off 2, u16
 * @param verInc      off 4, u16
 * @param reqIndex    off 6, u16: the test's index in the server's table
 * @param accessRecv  off 8
 * @param affinity    off 12: pin to CPU N-1, 0 = none
 * @param altPort     off 16
 * @param flip        off 20
 * @param msgSize     off 24
 * @param mtuSize     off 28
 * @param noMsgs      off 32
 * @param pollMode    off 36
 * @param port        off 40: data port the server must use, 0 = any
 * @param rdAtomic    off 44
 * @param sl          off 48
 * @param sockBufSize off 52
 * @param srcPathBits off 56
 * @param time        off 60: seconds
 * @param timeout     off 64: seconds
 * @param useCm       off 68
 * @param id          off 72, char[64], NUL-terminated
 * @param staticRate  off 136, char[64], NUL-terminated
 */
public record Request(
        int verMaj,
        int verMin,
        int verInc,
        int reqIndex,
        long accessRecv,
        long affinity,
        long altPort,
        long flip,
        long msgSize,
        long mtuSize,
        long noMsgs,
        long pollMode,
        long port,
        long rdAtomic,
        long sl,
        long sockBufSize,
        long srcPathBits,
        long time,
        long timeout,
        long useCm,
        String id,
        String staticRate) {

    /** Compact constructor: strings are never null. */
    public Request {
        id = id == null ? "" : id;
        staticRate = staticRate == null ? "" : staticRate;
    }
}
