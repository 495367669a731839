package io.corsagent.runtime;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import org.tinylog.Logger;

/**
 * Registers the agent's MBean with the platform MBean server, once, from the agent's own thread, and not at
 * start-up: creating the platform MBean server initialises {@code java.util.logging}, and an app server that
 * installs its own {@code LogManager} (JBoss, WildFly) must do so first. So the MBean appears once the app served
 * its first request, or after {@link #LATEST_MILLIS} at the latest.
 */
final class AgentMBeanRegistration {

    static final String OBJECT_NAME = "io.corsagent:type=CorsAgent";
    static final long LATEST_MILLIS = 10_000;

    private final CorsAgentMBean mbean;
    private boolean done;

    AgentMBeanRegistration(CorsAgentMBean mbean) {
        this.mbean = mbean;
    }

    /** Registers the MBean if that is due and was not done yet. A failure is logged once and not retried. */
    void registerWhenDue(boolean appServedRequest, long millisSinceStart) {
        if (done || !appServedRequest && millisSinceStart < LATEST_MILLIS) {
            return;
        }
        done = true;
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(mbean, name);
            }
        } catch (Exception | LinkageError e) {
            Logger.warn(e, "could not register the MBean {}; the status property still has the counters", OBJECT_NAME);
        }
    }
}
