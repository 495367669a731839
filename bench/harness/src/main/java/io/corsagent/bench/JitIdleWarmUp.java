package io.corsagent.bench;

import java.io.IOException;
import java.util.List;

/**
 * Warms a server JVM up with wrk until its JIT compilers are nearly idle: every scenario for a few seconds, a pass,
 * repeated until the compiler threads used at most a given share of the JVM's CPU time in the pass. Code still being
 * compiled serves requests slower, and on the server's one CPU the compiler threads take time from the request
 * threads: a fixed warm-up would leave that cost to whichever scenario is measured first. The share is taken of
 * the JVM's own CPU time, not of the wall time: when other load starves the server, its compilers get no CPU either,
 * and a pass without compiling would then prove nothing.
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
        } while (jitShare > jitQuiet && passes < maxPasses);
        return new JitIdleWarmUp(passes, jitShare);
    }
}
