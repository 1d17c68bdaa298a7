package io.github.jqperf.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.spec.PacingRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of {@link PacingRate} on hostile strings and of {@link Pacer} on random timelines. */
class PacingProperties {
    private static final int TRIES = 1000;
    private static final String SEED = "1010";

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars("0123456789.kKmMgGtT+-eE ,_x\u0000\n\u0661")
                        .ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> wellFormed() {
        final Arbitrary<String> whole =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(13);
        final Arbitrary<String> fraction =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).injectNull(0.5);
        final Arbitrary<String> suffix = Arbitraries.of("", "k", "K", "m", "M", "g", "G");
        return net.jqwik.api.Combinators.combine(whole, fraction, suffix)
                .as((w, f, s) -> w + (f == null ? "" : "." + f) + s);
    }

    @Property(tries = TRIES, seed = SEED)
    void anyStringParsesInRangeOrFailsWithOneLineNamingTheOption(@ForAll("hostile") final String text) {
        try {
            assertThat(PacingRate.parseBitsPerSec(text))
                    .isBetween(PacingRate.MIN_BITS_PER_SEC, PacingRate.MAX_BITS_PER_SEC);
        } catch (InvalidSpecException e) {
            assertThat(e.getMessage())
                    .startsWith("--rate: invalid rate \"")
                    .contains("e.g. --rate 500M")
                    .doesNotContain("\n")
                    .doesNotContain("\u0000");
        }
    }

    @Property(tries = TRIES, seed = SEED)
    void wellFormedRatesParseToTheirExactDecimalValue(@ForAll("wellFormed") final String text) {
        final char last = text.charAt(text.length() - 1);
        final int exp = switch (Character.toUpperCase(last)) {
            case 'K' -> 3;
            case 'M' -> 6;
            case 'G' -> 9;
            default -> 0;
        };
        final BigDecimal expected = new BigDecimal(exp == 0 ? text : text.substring(0, text.length() - 1))
                .scaleByPowerOfTen(exp)
                .setScale(0, RoundingMode.HALF_UP);
        final boolean inRange = expected.compareTo(BigDecimal.ONE) >= 0
                && expected.compareTo(BigDecimal.valueOf(PacingRate.MAX_BITS_PER_SEC)) <= 0;
        try {
            final long v = PacingRate.parseBitsPerSec(text);
            assertThat(inRange).as("accepted %s", text).isTrue();
            assertThat(v).isEqualTo(expected.longValueExact());
        } catch (InvalidSpecException e) {
            assertThat(inRange).as("rejected %s: %s", text, e.getMessage()).isFalse();
        }
    }

    @Property(tries = 200, seed = SEED)
    void pacerNeverSendsMoreThanBurstPlusRateWhateverTheWakeUps(
            @ForAll @LongRange(min = 1_000, max = 100_000_000_000L) final long rate,
            @ForAll @IntRange(min = 1, max = 65_507) final int size,
            @ForAll @IntRange(min = 1, max = 64) final int burst,
            @ForAll @LongRange(min = 0, max = 2_000_000) final long maxOvershootNs,
            @ForAll final long seed) {
        final ManualClock clock = new ManualClock(seed, maxOvershootNs, seed);
        final Pacer pacer = new Pacer(rate, size, burst, seed);
        final double intervalNs = size * 8e9 / rate;
        final int n = 2_000;
        final long start = pacer.acquire(clock, clock);
        long last = start;
        for (int i = 1; i < n; i++) {
            last = pacer.acquire(clock, clock);
        }
        // the n messages span at least (n - burst) intervals: never faster than the rate plus one bucket
        assertThat((double) (last - start)).isGreaterThanOrEqualTo((n - burst) * intervalNs - n);
    }
}
