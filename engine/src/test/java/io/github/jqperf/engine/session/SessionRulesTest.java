package io.github.jqperf.engine.session;

import static io.github.jqperf.engine.session.FakePort.EOF;
import static io.github.jqperf.engine.session.FakePort.ERROR;
import static io.github.jqperf.engine.session.FakePort.EXPIRE;
import static io.github.jqperf.engine.session.FakePort.NOTHING;
import static io.github.jqperf.engine.session.Session.DONE;
import static io.github.jqperf.engine.session.Session.RECEIVE;
import static io.github.jqperf.engine.session.Session.SEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import io.github.jqperf.engine.spec.TestKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * qperf's counting and timing rules (docs/protocol.md §5.1, §5), session by session, with a manual clock and a scripted port:
 * no sockets, no threads, no real time.
 */
class SessionRulesTest {
    private final ManualClock clock = new ManualClock(1000);

    @Nested
    class Timing {
        @Test
        void shouldTakeOneSnapshotAtTheStartAndOneAtTheEndNoMatterHowManyMessages() {
            final Session s = new StreamSender(10, false);
            final int first = s.begin(clock);
            assertThat(first).isEqualTo(SEND);
            final int[] many = new int[10_000];
            java.util.Arrays.fill(many, 10);
            new FakePort().then(many).run(s, first);
            clock.ticks = 1200;
            clock.busy = 37;
            final Stat stat = s.end(clock);
            assertThat(clock.samples).as("no clock read per message").isEqualTo(2);
            assertThat(stat.timeStart(Stat.T_REAL)).isEqualTo(1000);
            assertThat(stat.timeEnd(Stat.T_REAL)).isEqualTo(1200);
            assertThat(stat.timeEnd(Stat.T_USER)).isEqualTo(37);
            assertThat(stat.noTicks()).isEqualTo(100);
            assertThat(stat.noCpus()).isEqualTo(4);
            assertThat(stat.s()).isEqualTo(new Ustat(100_000, 10_000, 0));
            assertThat(stat.r()).isEqualTo(Ustat.ZERO);
            assertThat(stat.remS()).isEqualTo(Ustat.ZERO);
            assertThat(stat.remR()).isEqualTo(Ustat.ZERO);
        }

        @Test
        void shouldKeepTheFirstEndSnapshot() {
            final Session s = new StreamReceiver(10, false);
            s.begin(clock);
            final Stat first = s.end(clock);
            clock.ticks = 5000;
            assertThat(s.end(clock)).isSameAs(first);
            assertThat(clock.samples).isEqualTo(2);
        }

        @Test
        void shouldEndAtOnceWhenStoppedBeforeTheStart() {
            final Session s = new StreamPingPong(true, 1);
            s.expire();
            assertThat(s.begin(clock)).isEqualTo(DONE);
            assertThat(s.end(clock).s().msgs()).isZero();
        }

        @Test
        void shouldBeginOnlyOnce() {
            final Session s = new DatagramReceiver(10, false);
            s.begin(clock);
            assertThatThrownBy(() -> s.begin(clock)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldEndOnTheDeadlineInEveryStepOfEverySession() {
            for (final TestKind kind : List.of(TestKind.TCP_BW, TestKind.UDP_BW, TestKind.TCP_LAT, TestKind.UDP_LAT)) {
                for (final Session s : List.of(Sessions.client(kind, 8), Sessions.server(kind, 8, true))) {
                    final int first = s.begin(clock);
                    s.expire();
                    assertThat(s.isOver()).isTrue();
                    assertThat(s.sent(8)).as(kind + " send").isEqualTo(DONE);
                    assertThat(s.received(8)).as(kind + " receive").isEqualTo(DONE);
                    assertThat(s.receiveTimedOut()).isEqualTo(DONE);
                    assertThat(s.sendFailed()).isEqualTo(DONE);
                    assertThat(s.receiveFailed()).isEqualTo(DONE);
                    assertThat(s.eof()).isEqualTo(DONE);
                    final Stat stat = s.end(clock);
                    assertThat(stat.s())
                            .as(kind + ": nothing after the deadline counts")
                            .isEqualTo(Ustat.ZERO);
                    assertThat(stat.r()).isEqualTo(Ustat.ZERO);
                    assertThat(first).isIn(SEND, RECEIVE);
                }
            }
        }

        @Test
        void shouldAllocateNothingPerMessage() {
            final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
            final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
            final long id = Thread.currentThread().getId();
            final Session[] sessions = {
                new StreamSender(100, true),
                new StreamReceiver(100, false, 64),
                new DatagramReceiver(100, false),
                new StreamPingPong(true, 100),
                new DatagramPingPong(true, 100)
            };
            for (final Session s : sessions) {
                s.begin(clock);
            }
            long sink = loop(sessions, 200_000); // warm up: the JIT compiles the calls
            final long before = bean.getThreadAllocatedBytes(id);
            sink += loop(sessions, 1_000_000);
            final long allocated = bean.getThreadAllocatedBytes(id) - before;
            assertThat(allocated)
                    .as("bytes allocated for 5 M session calls (sink %d)", sink)
                    .isLessThan(16 * 1024);
        }

        private long loop(final Session[] sessions, final int n) {
            long sink = 0;
            for (int i = 0; i < n; i++) {
                for (final Session s : sessions) {
                    sink += s.sent(100) + s.received(50) + s.receiveLength() + s.sendOffset();
                }
            }
            return sink;
        }
    }

    @Nested
    class Sender {
        @Test
        void shouldCountCompleteMessagesAndAccumulatePartialSends() {
            final Session s = new StreamSender(250, false);
            final FakePort port = new FakePort().then(100, 0, 150, 250, 249, 1);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("send@0", "send@100", "send@100", "send@0", "send@0", "send@249");
            assertThat(s.sentSoFar()).isEqualTo(new Ustat(750, 3, 0));
        }

        @Test
        void shouldNotCountAMessageCompletedAfterTheDeadline() {
            final Session s = new StreamSender(100, false);
            final int next = new FakePort().then(100, 100, 60, EXPIRE, 40).run(s, s.begin(clock));
            assertThat(next).isEqualTo(DONE);
            assertThat(s.end(clock).s()).isEqualTo(new Ustat(200, 2, 0));
        }

        @Test
        void shouldEndTheRunOnATcpSendError() {
            final Session s = new StreamSender(100, false);
            assertThat(new FakePort().then(100, ERROR, 100).run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            assertThat(s.failed()).isTrue();
            assertThat(s.end(clock).s()).isEqualTo(new Ustat(100, 1, 0));
        }

        @Test
        void shouldCountUdpSendErrorsAndGoOnSending() {
            final Session s = new StreamSender(65_508, true); // EMSGSIZE on every try, as on loopback
            final int[] errors = new int[5000];
            java.util.Arrays.fill(errors, ERROR);
            final FakePort port = new FakePort().then(errors).then(65_508, ERROR);
            final int next = port.run(s, s.begin(clock));
            assertThat(next).as("the run goes on").isEqualTo(SEND);
            assertThat(s.failed()).isFalse();
            assertThat(s.sentSoFar()).isEqualTo(new Ustat(65_508, 1, 5001));
            assertThat(new FakePort().then(EXPIRE, ERROR).run(s, next)).isEqualTo(DONE);
            assertThat(s.end(clock).s().errs())
                    .as("an error after the deadline is not counted")
                    .isEqualTo(5001);
        }

        @Test
        void shouldStartTheNextMessageWholeAfterAUdpError() {
            final Session s = new StreamSender(100, true);
            final FakePort port = new FakePort().then(ERROR, 100);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("send@0", "send@0");
        }
    }

    @Nested
    class Receiver {
        @Test
        void shouldCountCompleteMessagesHoweverTheStreamIsCutAndNotThePartialOneAtEof() {
            final Session s = new StreamReceiver(100, false, 64 * 1024);
            final int next =
                    new FakePort().then(30, 70, 250, NOTHING, 0, 49, EOF).run(s, s.begin(clock));
            assertThat(next).isEqualTo(DONE);
            assertThat(s.failed()).as("EOF is not an error").isFalse();
            assertThat(s.end(clock).r())
                    .as("399 bytes = 3 messages + 99 never completed")
                    .isEqualTo(new Ustat(300, 3, 0));
        }

        @Test
        void shouldNotCountAReadThatReturnsAfterTheDeadline() {
            final Session s = new StreamReceiver(100, false, 100);
            assertThat(new FakePort().then(100, 50, EXPIRE, 50, 100).run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(100, 1, 0));
        }

        @Test
        void shouldEndTheRunOnAReadError() {
            final Session s = new StreamReceiver(10, false);
            assertThat(new FakePort().then(10, ERROR).run(s, s.begin(clock))).isEqualTo(DONE);
            assertThat(s.failed()).isTrue();
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(10, 1, 0));
        }

        @Test
        void shouldReadEveryReceivedByteWithAccessRecv() {
            final List<Integer> touched = new ArrayList<>();
            final StreamReceiver s = new StreamReceiver(100, true, 4096);
            s.receivedBytes(n -> {
                touched.add(n);
                return 2L * n;
            });
            new FakePort().then(30, 170, EXPIRE, 10).run(s, s.begin(clock));
            assertThat(touched).containsExactly(30, 170);
            assertThat(s.checksum()).isEqualTo(400);
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(200, 2, 0));
        }

        @Test
        void shouldNotReadTheBytesWithoutAccessRecv() {
            final StreamReceiver s = new StreamReceiver(100, false, 4096);
            s.receivedBytes(n -> {
                throw new AssertionError("read without access_recv");
            });
            new FakePort().then(100, 100).run(s, s.begin(clock));
            assertThat(s.checksum()).isZero();
        }

        @Test
        void shouldReadQperfsSizeForSmallMessagesAndAtLeast64KiBOtherwise() {
            assertThat(StreamReceiver.readSize(1)).isEqualTo(1);
            assertThat(StreamReceiver.readSize(1023)).isEqualTo(1023);
            assertThat(StreamReceiver.readSize(1024)).isEqualTo(65_536);
            assertThat(StreamReceiver.readSize(65_536)).isEqualTo(65_536);
            assertThat(StreamReceiver.readSize(300_000)).isEqualTo(300_000);
            assertThat(StreamReceiver.readSize(5 << 20)).isEqualTo(1 << 20);
            final FakePort port = new FakePort().then(7);
            final Session s = new StreamReceiver(7, false);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("recv7");
        }
    }

    @Nested
    class Datagrams {
        @Test
        void shouldCountEachDatagramAsOneMessageCutAtTheMessageSizeAnEmptyOneToo() {
            final Session s = new DatagramReceiver(1000, false);
            final FakePort port = new FakePort().then(1000, 0, 1500, 10, NOTHING);
            assertThat(port.run(s, s.begin(clock))).isEqualTo(RECEIVE);
            assertThat(port.calls).allMatch("recv1000"::equals);
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(2010, 4, 0));
        }

        @Test
        void shouldReadAt64KiBPerDatagram() {
            final Session s = new DatagramReceiver(100_000, false);
            assertThat(s.receiveLength()).isEqualTo(65_536);
        }

        @Test
        void shouldCountReceiveErrorsAndGoOn() {
            final Session s = new DatagramReceiver(10, false);
            assertThat(new FakePort().then(ERROR, 10, ERROR).run(s, s.begin(clock)))
                    .isEqualTo(RECEIVE);
            assertThat(s.failed()).isFalse();
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(10, 1, 2));
        }

        @Test
        void shouldNotCountADatagramReceivedAfterTheDeadline() {
            final Session s = new DatagramReceiver(10, false);
            assertThat(new FakePort().then(10, EXPIRE, 10).run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(10, 1, 0));
        }

        @Test
        void shouldReadTheCutDatagramWithAccessRecv() {
            final List<Integer> touched = new ArrayList<>();
            final DatagramReceiver s = new DatagramReceiver(100, true);
            s.receivedBytes(n -> {
                touched.add(n);
                return n;
            });
            new FakePort().then(40, 300).run(s, s.begin(clock));
            assertThat(touched).containsExactly(40, 100);
        }
    }

    @Nested
    class TcpPingPong {
        @Test
        void shouldSendThenReadExactlyTheRestOfTheOneOutstandingMessage() {
            final Session s = new StreamPingPong(true, 10);
            final FakePort port = new FakePort().then(4, 6, 3, NOTHING, 2, 5, 10, 10);
            assertThat(port.run(s, s.begin(clock))).isEqualTo(SEND);
            assertThat(port.calls)
                    .containsExactly("send@0", "send@4", "recv10", "recv7", "recv7", "recv5", "send@0", "recv10");
            assertThat(s.end(clock).s()).isEqualTo(new Ustat(20, 2, 0));
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(20, 2, 0));
        }

        @Test
        void shouldEchoOnTheServer() {
            final Session s = new StreamPingPong(false, 3);
            final FakePort port = new FakePort().then(3, 3, 1, 2, 3);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("recv3", "send@0", "recv3", "recv2", "send@0");
            assertThat(s.sentSoFar()).isEqualTo(new Ustat(6, 2, 0));
            assertThat(s.receivedSoFar()).isEqualTo(new Ustat(6, 2, 0));
        }

        @Test
        void shouldReadAHugeMessageInBoundedPiecesAndCountItOnce() {
            final int size = 3 * StreamPingPong.MAX_READ + 7;
            final Session s = new StreamPingPong(false, size);
            final FakePort port =
                    new FakePort().then(StreamPingPong.MAX_READ, StreamPingPong.MAX_READ, StreamPingPong.MAX_READ, 7);
            assertThat(port.run(s, s.begin(clock))).isEqualTo(SEND);
            assertThat(port.calls)
                    .containsExactly(
                            "recv" + StreamPingPong.MAX_READ,
                            "recv" + StreamPingPong.MAX_READ,
                            "recv" + StreamPingPong.MAX_READ,
                            "recv7");
            assertThat(s.receivedSoFar()).isEqualTo(new Ustat(size, 1, 0));
        }

        @Test
        void shouldEndOnEofAndNotCountTheHalfMessage() {
            final Session s = new StreamPingPong(false, 10);
            assertThat(new FakePort().then(10, 10, 5, EOF).run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            assertThat(s.failed()).isFalse();
            assertThat(s.end(clock).r()).isEqualTo(new Ustat(10, 1, 0));
        }

        @Test
        void shouldNotCountTheReplyThatCompletesAfterTheDeadline() {
            final Session s = new StreamPingPong(true, 10);
            assertThat(new FakePort().then(10, 10, 10, 5, EXPIRE, 5).run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            final Stat stat = s.end(clock);
            assertThat(stat.s().msgs()).isEqualTo(2);
            assertThat(stat.r().msgs()).isEqualTo(1);
        }

        @Test
        void shouldEndTheRunOnAnError() {
            final Session s = new StreamPingPong(true, 10);
            assertThat(new FakePort().then(10, ERROR).run(s, s.begin(clock))).isEqualTo(DONE);
            assertThat(s.failed()).isTrue();
        }

        @Test
        void shouldAnswerAMessageThatIsAlreadyHereWhenTheEchoIsSent() {
            // an event loop may deliver more than the outstanding message (a peer that does not wait): counted once
            // each, the next one answered as soon as the previous reply has left
            final Session s = new StreamPingPong(false, 10);
            s.begin(clock);
            assertThat(s.received(20)).isEqualTo(SEND);
            assertThat(s.sent(10)).isEqualTo(SEND);
            assertThat(s.sent(10)).isEqualTo(RECEIVE);
            assertThat(s.receivedSoFar()).isEqualTo(new Ustat(20, 2, 0));
        }
    }

    @Nested
    class UdpPingPong {
        @Test
        void shouldSendOneDatagramAndWaitForOneBack() {
            final Session s = new DatagramPingPong(true, 100);
            final FakePort port = new FakePort().then(100, 40, 100, 300);
            assertThat(port.run(s, s.begin(clock))).isEqualTo(SEND);
            assertThat(port.calls).containsExactly("send@0", "recv100", "send@0", "recv100");
            assertThat(s.sentSoFar()).isEqualTo(new Ustat(200, 2, 0));
            assertThat(s.receivedSoFar()).as("cut at msg_size").isEqualTo(new Ustat(140, 2, 0));
        }

        @Test
        void shouldCountSendErrorsAndSendAgainInsteadOfWaitingForAReply() {
            final Session s = new DatagramPingPong(true, 65_536); // -m 64K: EMSGSIZE on every try
            final int[] errors = new int[1000];
            java.util.Arrays.fill(errors, ERROR);
            final FakePort port = new FakePort().then(errors);
            assertThat(port.run(s, s.begin(clock))).isEqualTo(SEND);
            assertThat(port.calls).allMatch("send@0"::equals);
            assertThat(new FakePort().then(EXPIRE, ERROR).run(s, SEND)).isEqualTo(DONE);
            assertThat(s.end(clock).s()).isEqualTo(new Ustat(0, 0, 1000));
        }

        @Test
        void shouldReplyOnTheServerAndReceiveAgainAfterAnError() {
            final Session s = new DatagramPingPong(false, 10);
            assertThat(s.repliesToSender()).isTrue();
            assertThat(new DatagramPingPong(true, 10).repliesToSender()).isFalse();
            final FakePort port = new FakePort().then(10, ERROR, ERROR, 10, 10);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("recv10", "send@0", "recv10", "recv10", "send@0");
            assertThat(s.sentSoFar()).isEqualTo(new Ustat(10, 1, 1));
            assertThat(s.receivedSoFar()).isEqualTo(new Ustat(20, 2, 1));
        }

        @Test
        void shouldSendAgainAfterAReceiveErrorOnTheClient() {
            final Session s = new DatagramPingPong(true, 10);
            final FakePort port = new FakePort().then(10, ERROR, 10, 10);
            port.run(s, s.begin(clock));
            assertThat(port.calls).containsExactly("send@0", "recv10", "send@0", "recv10");
            assertThat(s.receivedSoFar()).isEqualTo(new Ustat(10, 1, 1));
        }

        @Test
        void shouldRetryASendThatTimedOut() {
            final Session s = new DatagramPingPong(true, 10);
            assertThat(new FakePort().then(0).run(s, s.begin(clock))).isEqualTo(SEND);
            assertThat(s.sentSoFar()).isEqualTo(Ustat.ZERO);
        }

        @Test
        void shouldStallUntilTheDeadlineWhenADatagramIsLost() {
            final Session s = new DatagramPingPong(true, 10);
            assertThat(new FakePort()
                            .then(10, 10, 10, NOTHING, NOTHING, EXPIRE, NOTHING)
                            .run(s, s.begin(clock)))
                    .isEqualTo(DONE);
            assertThat(s.end(clock).s().msgs()).isEqualTo(2);
            assertThat(s.end(clock).r().msgs()).isEqualTo(1);
        }
    }

    @Test
    void shouldMapEachTestKindToItsSessions() {
        assertThat(Sessions.client(TestKind.TCP_BW, 1)).isInstanceOf(StreamSender.class);
        assertThat(Sessions.client(TestKind.UDP_BW, 1).datagram()).isTrue();
        assertThat(Sessions.client(TestKind.TCP_BW, 1).datagram()).isFalse();
        assertThat(Sessions.server(TestKind.TCP_BW, 1, false)).isInstanceOf(StreamReceiver.class);
        assertThat(Sessions.server(TestKind.UDP_BW, 1, false)).isInstanceOf(DatagramReceiver.class);
        assertThat(Sessions.client(TestKind.TCP_LAT, 1).pingPong()).isTrue();
        assertThat(Sessions.server(TestKind.UDP_LAT, 1, false)).isInstanceOf(DatagramPingPong.class);
        assertThatThrownBy(() -> Sessions.client(TestKind.CONF, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamSender(0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
