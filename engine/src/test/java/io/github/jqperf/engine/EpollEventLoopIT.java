package io.github.jqperf.engine;

/** {@link AbstractLoopbackSuite} over native epoll with the data path on Netty's event loop (no blocking calls). */
class EpollEventLoopIT extends AbstractLoopbackSuite {
    @Override
    protected boolean epoll() {
        return true;
    }

    @Override
    protected DataPathMode pollMode() {
        return DataPathMode.EPOLL;
    }
}
