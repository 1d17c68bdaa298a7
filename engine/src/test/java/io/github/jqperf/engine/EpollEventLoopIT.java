package io.github.jqperf.engine;

import io.github.jqperf.engine.transport.PollMode;

/** {@link AbstractLoopbackSuite} over native epoll with the data path on Netty's event loop (no blocking calls). */
class EpollEventLoopIT extends AbstractLoopbackSuite {
    @Override
    protected boolean epoll() {
        return true;
    }

    @Override
    protected PollMode pollMode() {
        return PollMode.EPOLL;
    }
}
