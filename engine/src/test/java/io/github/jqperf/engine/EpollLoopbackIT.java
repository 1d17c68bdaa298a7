package io.github.jqperf.engine;

/** {@link AbstractLoopbackSuite} over Netty's native epoll transport. */
class EpollLoopbackIT extends AbstractLoopbackSuite {
    @Override
    protected boolean epoll() {
        return true;
    }
}
