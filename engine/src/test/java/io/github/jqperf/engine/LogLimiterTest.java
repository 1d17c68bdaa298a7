package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogLimiterTest {
    @Test
    void shouldPassABurstThenCountWhatItDropsAndSayItOnce() {
        final List<String> out = new ArrayList<>();
        final AtomicLong now = new AtomicLong();
        final LogLimiter l = new LogLimiter(out::add, now::get);
        for (int i = 0; i < 10_000; i++) {
            l.log("line " + i);
        }
        assertThat(out).hasSize(LogLimiter.BURST);
        assertThat(l.suppressed()).isEqualTo(10_000 - LogLimiter.BURST);
        now.addAndGet(1_000_000_000L); // one second: PER_SECOND tokens
        l.log("later");
        assertThat(out.subList(LogLimiter.BURST, out.size()))
                .containsExactly("(" + (10_000 - LogLimiter.BURST) + " log lines suppressed)", "later");
    }
}
