package io.github.jqperf.bench;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's benchmark threads as Netty {@link FastThreadLocalThread}s (selected with {@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=...} in {@link AbstractBenchmarkBase}), as Netty's own microbenchmarks do.
 *
 * <p>Why: Netty 4.2's {@code Recycler} pools objects (the outbound buffer's {@code Entry}, pooled {@code ByteBuf}
 * instances) only on threads that are {@link FastThreadLocalThread}s; on any other thread every {@code get()}
 * allocates a new object. Netty's event-loop threads are such threads, so running the per-message benchmarks on
 * plain JMH threads would charge them an allocation (64 B per write) that the real data path does not make.
 */
public final class EventLoopLikeExecutor extends ThreadPoolExecutor {
    /** JMH's contract for custom executors: (maximum threads, thread name prefix). */
    public EventLoopLikeExecutor(final int maxThreads, final String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.DAYS, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    private static final class Factory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger seq = new AtomicInteger();
        private final String prefix;

        Factory(final String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(final Runnable r) {
            final Thread t = new FastThreadLocalThread(r, prefix + "-fastthreadlocal-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
