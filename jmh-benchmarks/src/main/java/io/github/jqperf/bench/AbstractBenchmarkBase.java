package io.github.jqperf.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared JMH settings for every jqperf benchmark (Netty's {@code AbstractMicrobenchmarkBase}): average time in ns per
 * operation, one fork, 3 × 1 s warm-up, 5 × 1 s measurement. JMH inherits these class annotations, so subclasses
 * only declare their state and {@code @Benchmark} methods.
 *
 * <p>The fork runs with Serial GC and a fixed small heap, as the {@code jqperf} launcher does, so
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} reflects what the shipped binary would allocate. The machines this
 * project runs on have 2 vCPUs shared with builds: expect wide errors; compare numbers only within one run.
 *
 * <p>Benchmark threads are Netty {@code FastThreadLocalThread}s ({@link EventLoopLikeExecutor}), like the event-loop
 * threads the data path runs on, so Netty's object pools behave as they do in production.
 *
 * <p>Run everything: {@code java -jar jmh-benchmarks/target/benchmarks.jar}; one class with allocation profile:
 * {@code java -jar jmh-benchmarks/target/benchmarks.jar SenderBenchmark -prof gc}; CI smoke:
 * {@code jmh-benchmarks/smoke} ({@code -f 1 -wi 1 -i 1} with 100 ms iterations, fails on any error).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-XX:+UseSerialGC",
            "-Xms256m",
            "-Xmx256m",
            "-XX:-UsePerfData",
            "-Djmh.executor=CUSTOM",
            "-Djmh.executor.class=io.github.jqperf.bench.EventLoopLikeExecutor"
        })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public abstract class AbstractBenchmarkBase {}
