package io.corsagent.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import org.junit.jupiter.api.Test;

/**
 * The agent's counters, read from outside the server JVM the two ways an operator does: the status system property
 * ({@code jcmd <pid> VM.system_properties}) and the MBean {@code io.corsagent:type=CorsAgent} over a local JMX
 * connection (the attach API's {@code startLocalManagementAgent}, what jconsole does). A JVM of its own, so the
 * counts start at zero.
 */
class CountersTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final String EVIL = "https://evil.example";

    @Test
    void statusPropertyAndMBeanCountWhatTheAgentDid() throws Exception {
        ServerProcess server = ServerProcess.shared(ServerLines.TOMCAT9_AUDIT_APP,
                ServerProcess.agentArgument("counters.properties", "mode=enforce"));
        int port = server.port();
        for (int i = 0; i < 3; i++) {
            assertEquals(204, RawHttp.request("OPTIONS", "/app/misordered/x").origin(ORIGIN)
                    .header("Access-Control-Request-Method", "PUT").send(port).status());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(403, RawHttp.request("OPTIONS", "/app/misordered/x").origin(EVIL)
                    .header("Access-Control-Request-Method", "PUT").send(port).status());
        }
        for (int i = 0; i < 4; i++) {
            RawHttp.request("GET", "/app/misordered/x").origin(ORIGIN).send(port);
        }
        RawHttp.request("GET", "/app/misordered/x").origin(EVIL).send(port);
        RawHttp.request("GET", "/app/misordered/x").send(port);

        // The watcher thread refreshes the property every second; never a request thread.
        Map<String, String> status = StatusProperty.await(server.pid(), "actual-denied", "1");
        assertEquals("active", status.get("state"));
        assertEquals("enforce", status.get("mode"));
        assertEquals(TestPaths.policy("counters.properties").toString(), status.get("policy"));
        assertEquals("3", status.get("preflights-answered"));
        assertEquals("2", status.get("preflights-refused"));
        assertEquals("4", status.get("actual-allowed"));
        assertEquals("1", status.get("actual-denied"));
        assertEquals("0", status.get("errors"));
        // The misordered auth filter (seen rejecting an allowed request) and the refused preflight.
        assertEquals("2", status.get("findings"));

        VirtualMachine vm = VirtualMachine.attach(Long.toString(server.pid()));
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName("io.corsagent:type=CorsAgent");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!mbeans.isRegistered(name) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("active", mbeans.getAttribute(name, "State"));
            assertEquals("enforce", mbeans.getAttribute(name, "Mode"));
            assertEquals(TestPaths.policy("counters.properties").toString(), mbeans.getAttribute(name, "PolicyFile"));
            assertEquals(3L, mbeans.getAttribute(name, "PreflightsAnswered"));
            assertEquals(2L, mbeans.getAttribute(name, "PreflightsRefused"));
            assertEquals(4L, mbeans.getAttribute(name, "ActualRequestsAllowed"));
            assertEquals(1L, mbeans.getAttribute(name, "ActualRequestsDenied"));
            assertEquals(2L, mbeans.getAttribute(name, "Findings"));
            assertEquals(0L, mbeans.getAttribute(name, "AgentErrors"));
            // Each of 4 allowed actual requests met the misordered filter; 2 refused preflights.
            assertEquals(6L, mbeans.getAttribute(name, "FindingOccurrences"));
        } finally {
            vm.detach();
        }
    }
}
