package io.corsagent.bench;

import java.io.IOException;
import java.util.List;

/**
 * Warms a server JVM up with wrk until its JIT compilers are nearly idle: every scenario for a few seconds, a pass,
 * then a pause until the compilers have caught up, repeated until the compiler threads used at most a given share of
 * the JVM's CPU time in a pass. Code still being compiled serves requests slower, and on the server's one CPU the
 * compiler threads take time from the request threads: a fixed warm-up would leave that cost to whichever scenario
 * is measured first. The share is taken of the JVM's own CPU time, not of the wall time: when other load starves the
 * server, its compilers get no CPU either, and a pass without compiling would then prove nothing.
 *
 * @param passes   the passes run
 * @param jitShare the compiler threads' share of the JVM's CPU time in the last pass
 */
record JitIdleWarmUp(int passes, double jitShare) {

    static JitIdleWarmUp run(ServerJvm server, Wrk wrk, List<Scenario> scenarios, int seconds, double jitQuiet,
                             int maxPasses) throws IOException, InterruptedException {
        int passes = 0;
        double jitShare;
        do {
            ThreadCpu before = server.threadCpu();
            for (Scenario scenario : scenarios) {
                wrk.run(server.port(), scenario, seconds);
            }
            ThreadCpu after = server.threadCpu();
            double jit = after.jitMillisSince(before);
            double serving = after.servingMillisSince(before);
            jitShare = jit / Math.max(jit + serving, 1);
            passes++;
            awaitCompilersIdle(server);
        } while (jitShare > jitQuiet && passes < maxPasses);
        return new JitIdleWarmUp(passes, jitShare);
    }

    /**
     * Waits, without load, until the compiler threads have drained their queue (under 5 ms of CPU in 250 ms), at most
     * 15 s. Under load they share the server's one CPU with the request threads, and on Undertow they fell behind:
     * C2's queue stayed full and the compiler threads took 15-17% of every pass after 40 s of load.
     */
    private static void awaitCompilersIdle(ServerJvm server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        ThreadCpu before = server.threadCpu();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            ThreadCpu after = server.threadCpu();
            if (after.jitMillisSince(before) < 5) {
                return;
            }
            before = after;
        }
    }
}
