package io.corsagent.audit;

/** Where findings are written: the agent's log in production, a list in tests. */
public interface LogSink {

    void write(Finding finding);
}
