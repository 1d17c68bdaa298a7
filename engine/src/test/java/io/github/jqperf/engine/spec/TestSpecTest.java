package io.github.jqperf.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.error.QperfException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TestSpec: built for every test, defaults applied, invalid values rejected with a message naming the value. */
class TestSpecTest {
    @ParameterizedTest
    @EnumSource(TestKind.class)
    void everyKindBuildsWithQperfsDefaults(final TestKind k) {
        final TestSpec s = TestSpec.builder(k).build();
        assertThat(s.kind()).isEqualTo(k);
        assertThat(s.timeSeconds()).isEqualTo(2);
        assertThat(s.timeoutSeconds()).isEqualTo(5);
        assertThat(s.remoteTimeoutSeconds()).isEqualTo(5);
        assertThat(s.msgSizeBytes()).isEqualTo(k.defaultMsgSizeBytes());
        assertThat(s.dataPort()).isZero();
        assertThat(s.localCpu()).isEmpty();
        assertThat(s.params()).isEqualTo(k.withDefaults(new ParamSet()));
    }

    @Test
    void builderSetsEveryValueWithoutOptionStrings() {
        final TestSpec s = TestSpec.builder(TestKind.TCP_BW)
                .timeSeconds(7)
                .msgSizeBytes(4096)
                .timeoutSeconds(9)
                .dataPort(20_000)
                .sockBufSizeBytes(1 << 20)
                .accessRecv(true)
                .localCpu(0)
                .remoteCpu(3)
                .build();
        assertThat(s.timeSeconds()).isEqualTo(7);
        assertThat(s.msgSizeBytes()).isEqualTo(4096);
        assertThat(s.timeoutSeconds()).isEqualTo(9);
        assertThat(s.dataPort()).isEqualTo(20_000);
        assertThat(s.sockBufSizeBytes()).isEqualTo(1 << 20);
        assertThat(s.accessRecv()).isTrue();
        assertThat(s.localCpu()).isEqualTo(OptionalInt.of(0));
        assertThat(s.remoteCpu()).isEqualTo(OptionalInt.of(3));
        final ParamSet p = s.params();
        assertThat(p.local(Param.AFFINITY)).isEqualTo(1);
        assertThat(p.remote(Param.AFFINITY)).isEqualTo(4);
        assertThat(p.setBy(Param.MSG_SIZE)).isEqualTo("msg_size");
    }

    @Test
    void splitTimeoutsAndNoMsgs() {
        final TestSpec s = TestSpec.builder(TestKind.TCP_LAT)
                .localTimeoutSeconds(3)
                .remoteTimeoutSeconds(8)
                .noMsgs(10)
                .build();
        assertThat(s.timeoutSeconds()).isEqualTo(3);
        assertThat(s.remoteTimeoutSeconds()).isEqualTo(8);
        assertThat(s.noMsgs()).isEqualTo(10);
        assertThat(s.timeSeconds())
                .as("-n suppresses the default time, as in qperf")
                .isZero();
    }

    @Test
    void immutable() {
        final TestSpec.Builder b = TestSpec.builder(TestKind.TCP_BW).msgSizeBytes(100);
        final TestSpec s = b.build();
        b.msgSizeBytes(200);
        s.params().set(Param.MSG_SIZE, 300);
        assertThat(s.msgSizeBytes()).isEqualTo(100);
        assertThat(s)
                .isEqualTo(TestSpec.builder(TestKind.TCP_BW).msgSizeBytes(100).build())
                .hasSameHashCodeAs(
                        TestSpec.builder(TestKind.TCP_BW).msgSizeBytes(100).build());
    }

    @Test
    void invalidValuesAreRejectedWithAClearMessage() {
        assertInvalid(
                () -> TestSpec.builder(TestKind.TCP_BW).timeSeconds(-1), "time (-t) must be 0..4294967295, got -1");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).timeSeconds(1L << 32), "time (-t) must be 0..4294967295");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).msgSizeBytes(-5), "message size (-m) must be 0..");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).timeoutSeconds(-1), "timeout (-to) must be 0..");
        assertInvalid(
                () -> TestSpec.builder(TestKind.TCP_BW).dataPort(65_536),
                "data port (-ip) must be 0..65535, got 65536");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).dataPort(-1), "data port (-ip) must be 0..65535");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).sockBufSizeBytes(-1), "socket buffer size (-sb)");
        assertInvalid(
                () -> TestSpec.builder(TestKind.TCP_BW).localCpu(-1),
                "local CPU (-lca) must be a CPU number >= 0, got -1");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).remoteCpu(-2), "remote CPU (-rca)");
        assertInvalid(() -> TestSpec.builder(TestKind.TCP_BW).noMsgs(-1), "message count (-n)");
        assertInvalid(
                () -> TestSpec.builder(TestKind.UDP_LAT).msgSizeBytes(0).build(),
                "message size (-m) must be positive for udp_lat, got 0");
    }

    @Test
    void zeroMessageSizeIsFineWhereNoMessagesFlow() {
        assertThat(TestSpec.builder(TestKind.CONF).msgSizeBytes(0).build().msgSizeBytes())
                .isZero();
        assertThat(TestSpec.builder(TestKind.QUIT).msgSizeBytes(0).build().msgSizeBytes())
                .isZero();
    }

    @Test
    void ofTakesACommandLinesParametersAsQperfDoes() {
        final ParamSet cli = new ParamSet()
                .set(Param.MSG_SIZE, 1024, "-m")
                .set(Param.SL, 3, "-sl")
                .set(Param.PORT, 70_000, "-ip");
        final TestSpec s = TestSpec.of(TestKind.TCP_LAT, cli);
        assertThat(s.params().remote(Param.SL))
                .as("RDMA-only values still travel")
                .isEqualTo(3);
        assertThat(s.dataPort())
                .as("a stock server rejects it; the spec keeps it")
                .isEqualTo(70_000);
        assertThat(s.params().setBy(Param.MSG_SIZE)).isEqualTo("-m");
        assertThat(cli.local(Param.TIME))
                .as("the caller's set is copied, not completed")
                .isZero();
        assertThatThrownBy(() -> TestSpec.of(TestKind.TCP_BW, new ParamSet().set(Param.MSG_SIZE, 0, "-m")))
                .isInstanceOf(InvalidSpecException.class)
                .isInstanceOf(QperfException.class)
                .hasMessage("message size must be positive for tcp_bw; use -m");
    }

    private static void assertInvalid(
            final org.assertj.core.api.ThrowableAssert.ThrowingCallable call, final String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidSpecException.class).hasMessageStartingWith(message);
    }
}
