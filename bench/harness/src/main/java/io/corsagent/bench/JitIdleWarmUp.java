package io.corsagent.bench;

import java.io.IOException;
import java.util.List;

/**
 * Warms a server JVM up with wrk until its JIT compilers are nearly idle: every scenario for a few seconds, a pass,
 * repeated until the compiler threads used at most a given share of the pass's wall time. Code still being compiled
 * serves requests slower, and on the server's one CPU the compiler threads take time from the request threads: after
 * a fixed 3 s per scenario, whichever scenario was measured first lost 30-50%.
 *
 * @param passes   the passes run
 * @param jitShare the compiler threads' CPU time in the last pass, as a share of its wall time
 */
record JitIdleWarmUp(int passes, double jitShare) {

    static JitIdleWarmUp run(ServerJvm server, Wrk wrk, List<Scenario> scenarios, int seconds, double jitQuiet,
                             int maxPasses) throws IOException, InterruptedException {
        int passes = 0;
        double jitShare;
        do {
            double jitBefore = server.jitCpuMillis();
            long start = System.nanoTime();
            for (Scenario scenario : scenarios) {
                wrk.run(server.port(), scenario, seconds);
            }
            jitShare = (server.jitCpuMillis() - jitBefore) / ((System.nanoTime() - start) / 1e6);
            passes++;
        } while (jitShare > jitQuiet && passes < maxPasses);
        return new JitIdleWarmUp(passes, jitShare);
    }
}
