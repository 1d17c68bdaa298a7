package io.github.jqperf.engine;

import io.github.jqperf.engine.conf.LocalConf;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.transport.Transport;
import java.util.Optional;

/** Facts about the machine this JVM runs on, as the engine sees them. */
public final class LocalNode {
    private LocalNode() {}

    /**
     * This machine's configuration as qperf reports it (node name, CPU description, OS, version): the
     * {@code loc_} lines of {@code conf}, and what a {@link QperfServer} sends for a conf request.
     */
    public static Conf conf() {
        return LocalConf.read();
    }

    /**
     * Why the native epoll transport cannot be used here (the engine then runs on Java NIO), or empty when it can.
     */
    public static Optional<String> epollUnavailableReason() {
        return Optional.ofNullable(Transport.epollUnavailableReason());
    }
}
