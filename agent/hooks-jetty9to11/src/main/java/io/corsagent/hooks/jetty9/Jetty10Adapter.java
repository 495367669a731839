package io.corsagent.hooks.jetty9;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Iterator;

import io.corsagent.bridge.ResponseFields;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Response;

/**
 * Jetty 10's and 11's response fields: {@code Response#getHttpFields()} returns an {@code HttpFields.Mutable}, which
 * this class, compiled against 9.4, cannot name; it reads and removes them as the {@code Iterable<HttpField>} they
 * are, and adds through {@code Response#addHeader}, whose guard against changes after {@code sendError()} and during
 * an include {@link Jetty10CommitAdvice} lifts for the commit.
 */
public final class Jetty10Adapter extends JettyAdapter {

    /** {@code Response#getHttpFields()}, typed {@code (Response) Iterable}. */
    private static final MethodHandle HTTP_FIELDS = httpFields();

    public Jetty10Adapter() {
        super("jetty10");
    }

    @Override
    protected void readFields(Response response, ResponseFields fields) {
        for (Object each : httpFields(response)) {
            HttpField field = (HttpField) each;
            if (fields.wants(field.getName())) {
                fields.add(field.getName(), field.getValue());
            }
        }
    }

    @Override
    protected void removeField(Response response, String name) {
        for (Iterator<?> fields = httpFields(response).iterator(); fields.hasNext(); ) {
            if (((HttpField) fields.next()).getName().equalsIgnoreCase(name)) {
                fields.remove();
            }
        }
    }

    @Override
    protected void addField(Response response, String name, String value) {
        response.addHeader(name, value);
    }

    private static Iterable<?> httpFields(Response response) {
        try {
            return (Iterable<?>) HTTP_FIELDS.invokeExact(response);
        } catch (RuntimeException | Error error) {
            throw error;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @throws LinkageError when this Jetty's {@code Response} has no public {@code getHttpFields()}: not a 10 or 11 */
    private static MethodHandle httpFields() {
        try {
            return MethodHandles.publicLookup().unreflect(Response.class.getMethod("getHttpFields"))
                    .asType(MethodType.methodType(Iterable.class, Response.class));
        } catch (ReflectiveOperationException error) {
            throw new NoSuchMethodError("Response#getHttpFields: " + error);
        }
    }
}
