package io.github.jqperf.engine;

/**
 * {@link AbstractLoopbackSuite} over Netty's native epoll transport with the default data path (blocking calls,
 * {@code PollMode.BLOCK}).
 */
class EpollLoopbackIT extends AbstractLoopbackSuite {
    @Override
    protected boolean epoll() {
        return true;
    }
}
