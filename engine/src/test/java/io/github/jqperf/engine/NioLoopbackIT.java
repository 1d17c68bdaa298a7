package io.github.jqperf.engine;

/** {@link AbstractLoopbackSuite} over Netty's NIO transport (the fallback when native epoll is unavailable). */
class NioLoopbackIT extends AbstractLoopbackSuite {
    @Override
    protected boolean epoll() {
        return false;
    }
}
