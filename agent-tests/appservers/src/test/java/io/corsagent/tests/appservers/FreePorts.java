package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for servers that take theirs from their configuration, chosen free on the loopback interface. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port free right now (the server binds it moments later; another process could take it meanwhile). */
    static int one() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An offset that moves every one of the given ports to a free one (WildFly's port-offset). */
    static int offsetFor(int... ports) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 50_000);
            if (allFree(ports, offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset leaves all of these free: " + java.util.Arrays.toString(ports));
    }

    /** Whether the {@code count} ports from {@code first} on are all free (Payara's port base and the ports above it). */
    static boolean allFree(int first, int count) {
        return allFree(java.util.stream.IntStream.range(first, first + count).toArray(), 0);
    }

    private static boolean allFree(int[] ports, int offset) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port + offset, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
