package io.github.jqperf.engine.result;

import java.util.OptionalDouble;

/**
 * udp_bw's datagram loss (jqperf's {@code --loss}; qperf prints none): the fraction of the datagrams the client sent
 * that the server did not receive, from the two STATs' message counters. Pure.
 */
public final class Loss {
    private Loss() {}

    /**
     * {@code (sent - received) / sent}.
     *
     * @param sentMsgs     datagrams the sender counted as sent (its STAT's {@code s.no_msgs}; unsigned)
     * @param receivedMsgs datagrams the receiver counted (its STAT's {@code r.no_msgs}; unsigned)
     * @return the loss in [0, 1]; empty when nothing was sent (no loss is defined). More received than sent (a
     *     datagram that left just before the sender's deadline is received but not counted as sent) counts as 0.
     */
    public static OptionalDouble fraction(final long sentMsgs, final long receivedMsgs) {
        if (sentMsgs == 0) {
            return OptionalDouble.empty();
        }
        if (Long.compareUnsigned(receivedMsgs, sentMsgs) >= 0) {
            return OptionalDouble.of(0);
        }
        return OptionalDouble.of(Unsigned.toDouble(sentMsgs - receivedMsgs) / Unsigned.toDouble(sentMsgs));
    }

    /** The loss of a udp_bw run: the client's sent datagrams against the server's received ones. */
    public static OptionalDouble of(final Stat client, final Stat server) {
        return fraction(client.s().msgs(), server.r().msgs());
    }
}
