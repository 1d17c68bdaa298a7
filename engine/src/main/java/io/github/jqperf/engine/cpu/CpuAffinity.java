package io.github.jqperf.engine.cpu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.github.jqperf.engine.error.QperfException;

/**
 * qperf's {@code -ca/-lca/-rca N}: pin to CPU {@code N-1} (N = 0: no pinning), through {@code sched_setaffinity(2)}
 * on the calling thread (JNA, which OSHI already brings). qperf pins its whole process; jqperf pins the threads that
 * carry the test (the control thread and the data-path event loop) and restores their previous mask afterwards.
 */
public final class CpuAffinity {
    private static final int MASK_LONGS = 16; // 1024 CPUs

    /** libc's affinity calls. */
    private interface LibC extends Library {
        int sched_setaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;

        int sched_getaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;
    }

    private static final class Holder {
        private static final LibC LIBC = load();

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    private CpuAffinity() {}

    /** Whether affinity can be set on this platform. */
    public static boolean isSupported() {
        return Holder.LIBC != null;
    }

    /** The calling thread's current mask (to restore later). */
    public static long[] current() {
        final long[] mask = new long[MASK_LONGS];
        if (Holder.LIBC != null) {
            try {
                Holder.LIBC.sched_getaffinity(0, MASK_LONGS * 8L, mask);
            } catch (LastErrorException e) {
                java.util.Arrays.fill(mask, -1L);
            }
        }
        return mask;
    }

    /**
     * Pins the calling thread as qperf's {@code -ca N} does.
     *
     * @param qperfCpu qperf's value N (pins to CPU N-1); 0 does nothing
     * @throws QperfException {@code cannot set processor affinity (cpu N-1): <strerror>}, qperf's text
     */
    public static void pin(final long qperfCpu) {
        if (qperfCpu == 0) {
            return;
        }
        final long cpu = qperfCpu - 1;
        if (Holder.LIBC == null) {
            throw new QperfException("cannot set processor affinity (cpu " + cpu + "): not supported on this platform");
        }
        final long[] mask = new long[MASK_LONGS];
        if (cpu >= MASK_LONGS * 64L) {
            throw new QperfException("cannot set processor affinity (cpu " + cpu + "): Invalid argument");
        }
        mask[(int) (cpu / 64)] = 1L << (cpu % 64);
        set(mask, cpu);
    }

    /** Restores a mask from {@link #current()}. Never throws. */
    public static void restore(final long[] mask) {
        if (Holder.LIBC != null) {
            try {
                Holder.LIBC.sched_setaffinity(0, MASK_LONGS * 8L, mask);
            } catch (LastErrorException e) {
                // best effort
            }
        }
    }

    private static void set(final long[] mask, final long cpu) {
        try {
            Holder.LIBC.sched_setaffinity(0, MASK_LONGS * 8L, mask);
        } catch (LastErrorException e) {
            throw new QperfException("cannot set processor affinity (cpu " + cpu + "): " + strerror(e.getErrorCode()));
        }
    }

    private static String strerror(final int errno) {
        return switch (errno) {
            case 22 -> "Invalid argument";
            case 1 -> "Operation not permitted";
            case 3 -> "No such process";
            default -> "error " + errno;
        };
    }
}
