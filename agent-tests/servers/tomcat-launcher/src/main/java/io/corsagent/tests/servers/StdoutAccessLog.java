package io.corsagent.tests.servers;

import java.io.IOException;

import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat's access log as lines on stdout ({@code ACCESS <method> <uri> <status>}), so tests can see which
 * requests the container logged, including those the agent answered before the pipeline.
 */
final class StdoutAccessLog extends ValveBase implements AccessLog {

    StdoutAccessLog() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException {
        // The servlet exception type differs between javax and jakarta releases: pass everything through as is.
        try {
            getNext().invoke(request, response);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    @Override
    public void log(Request request, Response response, long time) {
        System.out.println("ACCESS " + request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus());
    }

    @Override
    public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
    }

    @Override
    public boolean getRequestAttributesEnabled() {
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> RuntimeException sneaky(Exception e) throws T {
        throw (T) e;
    }
}
