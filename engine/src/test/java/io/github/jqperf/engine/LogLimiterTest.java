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

    @Test
    void shouldKeepAClientsTextOnOneHarmlessLine() {
        assertThat(LogLimiter.printable("client reported: ok\njqperf server stopped\r\u001b[2J"))
                .isEqualTo("client reported: ok\\x0ajqperf server stopped\\x0d\\x1b[2J");
        assertThat(LogLimiter.printable("x".repeat(5000)))
                .hasSize(LogLimiter.MAX_LINE + 3)
                .endsWith("...");
        assertThat(LogLimiter.printable("plain line (client /127.0.0.1:1)"))
                .isEqualTo("plain line (client /127.0.0.1:1)");
    }
}
