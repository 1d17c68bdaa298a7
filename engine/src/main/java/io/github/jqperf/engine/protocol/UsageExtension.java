package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.wire.UsageExtensionCodec;
import io.github.jqperf.engine.wire.WireFormatException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Both halves of jqperf's usage extension on a control connection whose qperf exchange has ended (docs/protocol.md
 * §13; bytes in {@link UsageExtensionCodec}). A stock qperf peer never sees a byte of it: the client asks only when
 * its user asked for usage figures, and the server only listens, briefly, for a request once the after-sync has come.
 */
public final class UsageExtension {
    /** The server's default wait for a request after the after-sync (EOF ends the wait at once). */
    public static final long SERVER_WAIT_MS = 250;
    /** How long the client waits for the answer (a stock server closes at once; a jqperf server answers at once). */
    public static final long CLIENT_WAIT_MS = 2000;

    static final String ITEM = "jqperf usage extension";

    /** How the server's wait ended. */
    public enum ServerOutcome {
        /** The client closed (a stock qperf client, or a jqperf client that did not ask). */
        EOF,
        /** Nothing arrived within the wait. */
        QUIET,
        /** A request came and was answered. */
        ANSWERED,
        /** Bytes that are not a request: nothing sent back. */
        GARBAGE
    }

    private UsageExtension() {}

    /** The server's wait: {@link #SERVER_WAIT_MS}, or the system property {@code jqperf.usageWaitMs} (tests). */
    public static long serverWaitMs() {
        return Math.max(1, Long.getLong("jqperf.usageWaitMs", SERVER_WAIT_MS));
    }

    /**
     * Client: asks for the server's report after the after-sync. Never throws: a stock server (EOF or reset), a
     * server that does not answer in time or answers nonsense gives a report without scopes and one note.
     *
     * @param cc the control connection, the after-sync sent
     * @return the server's report, or an empty one whose single note says why there is none
     */
    public static UsageReport request(final ControlChannel cc, final long waitMs) {
        try {
            cc.send(UsageExtensionCodec.request(), ITEM);
            final UsageExtensionCodec.Header h =
                    UsageExtensionCodec.decodeHeader(cc.receive(UsageExtensionCodec.HEADER_LENGTH, ITEM, waitMs));
            if (h.kind() == UsageExtensionCodec.KIND_UNSUPPORTED) {
                return unavailable("the jqperf server does not support usage extension version "
                        + UsageExtensionCodec.VERSION + " (it speaks version " + h.version() + ")");
            }
            if (h.kind() != UsageExtensionCodec.KIND_USAGE_REPORT || h.version() != UsageExtensionCodec.VERSION) {
                return unavailable(
                        "unexpected usage extension answer (version " + h.version() + ", kind " + h.kind() + ")");
            }
            if (h.bodyLength() > UsageExtensionCodec.MAX_REPORT_BODY) {
                return unavailable("usage report of " + h.bodyLength() + " bytes is too long");
            }
            return UsageExtensionCodec.decodeReport(cc.receive((int) h.bodyLength(), ITEM, waitMs));
        } catch (WireFormatException e) {
            return unavailable("bad usage report from the server: " + e.getMessage());
        } catch (QperfException e) {
            return unavailable("the server is not jqperf (it closed after the test) or did not answer");
        }
    }

    private static UsageReport unavailable(final String why) {
        return new UsageReport(List.of(), List.of("remote usage unavailable: " + why));
    }

    /**
     * Server: after the after-sync, waits up to {@code waitMs} for a request and answers it with {@code report}.
     * Never throws.
     *
     * @param report the run's report; null when there is none (the answer then has no scopes and one note)
     * @param log    one line about a client that sent bytes that are not a request
     * @return how the wait ended
     */
    public static ServerOutcome answer(
            final ControlChannel cc, final UsageReport report, final long waitMs, final Consumer<String> log) {
        final ControlChannel.Activity a = cc.probe(waitMs);
        if (a == ControlChannel.Activity.EOF) {
            return ServerOutcome.EOF;
        }
        if (a == ControlChannel.Activity.QUIET) {
            return ServerOutcome.QUIET;
        }
        try {
            final UsageExtensionCodec.Header h =
                    UsageExtensionCodec.decodeHeader(cc.receive(UsageExtensionCodec.HEADER_LENGTH, ITEM, waitMs));
            if (h.bodyLength() > UsageExtensionCodec.MAX_REQUEST_BODY) {
                log.accept(ITEM + ": request body of " + h.bodyLength() + " bytes is too long; not answered");
                return ServerOutcome.GARBAGE;
            }
            if (h.bodyLength() > 0) {
                cc.receive((int) h.bodyLength(), ITEM, waitMs); // version 1 defines no request body: skipped
            }
            if (h.kind() != UsageExtensionCodec.KIND_USAGE_REQUEST || h.version() != UsageExtensionCodec.VERSION) {
                cc.send(UsageExtensionCodec.unsupported(), ITEM);
                return ServerOutcome.ANSWERED;
            }
            final UsageReport r = report != null
                    ? report
                    : new UsageReport(List.of(), List.of("the server took no usage figures for this run"));
            cc.send(UsageExtensionCodec.encodeReport(r), ITEM);
            return ServerOutcome.ANSWERED;
        } catch (WireFormatException e) {
            log.accept(ITEM + ": " + e.getMessage() + "; not answered");
            return ServerOutcome.GARBAGE;
        } catch (QperfException e) {
            log.accept(ITEM + ": " + e.getMessage());
            return ServerOutcome.GARBAGE;
        }
    }
}
