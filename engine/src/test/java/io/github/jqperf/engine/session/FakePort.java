package io.github.jqperf.engine.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A scripted socket that drives a session the way a driver does: each step asks the script for the next outcome of
 * the call the session asked for. Outcomes: {@code n} bytes (>= 0), {@link #ERROR}, {@link #EOF}, {@link #NOTHING}
 * (a receive that returned nothing), {@link #EXPIRE} (the alarm fires before the call completes: the outcome that
 * follows completes after the deadline). Records each call (its step, offset and length).
 */
final class FakePort {
    static final int ERROR = -1;
    static final int EOF = -2;
    static final int NOTHING = -3;
    static final int EXPIRE = -4;

    private final Deque<Integer> script = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();

    FakePort then(final int... outcomes) {
        for (final int o : outcomes) {
            script.add(o);
        }
        return this;
    }

    /** Runs the session from {@code next} until DONE or the script is used up; returns the last step. */
    int run(final Session s, int next) {
        while (next != Session.DONE && !script.isEmpty()) {
            int o = script.poll();
            while (o == EXPIRE) {
                s.expire();
                o = script.isEmpty() ? NOTHING : script.poll();
            }
            if (next == Session.SEND) {
                calls.add("send@" + s.sendOffset());
                next = o == ERROR ? s.sendFailed() : s.sent(o == NOTHING ? 0 : o);
            } else {
                calls.add("recv" + s.receiveLength());
                next = switch (o) {
                    case ERROR -> s.receiveFailed();
                    case EOF -> s.eof();
                    case NOTHING -> s.receiveTimedOut();
                    default -> s.received(o);
                };
            }
        }
        return next;
    }
}
