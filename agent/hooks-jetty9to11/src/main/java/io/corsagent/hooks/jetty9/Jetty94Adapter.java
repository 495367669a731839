package io.corsagent.hooks.jetty9;

import io.corsagent.bridge.ResponseFields;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Response;

/**
 * Jetty 9.4's response fields: {@code Response#getHttpFields()} is the private {@code _fields}, an {@code HttpFields}
 * class, the very object the committed metadata carries, so the adapter edits it directly. That bypasses
 * {@code Response#addHeader}, which ignores changes during an include and, from 9.4.2x on, after {@code sendError()}:
 * two guards of different fields across 9.4, neither of which the adapter then needs to touch.
 */
public final class Jetty94Adapter extends JettyAdapter {

    public Jetty94Adapter() {
        super("jetty9");
    }

    @Override
    protected void readFields(Response response, ResponseFields fields) {
        HttpFields headers = response.getHttpFields();
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpField field = headers.getField(i);
            if (fields.wants(field.getName())) {
                fields.add(field.getName(), field.getValue());
            }
        }
    }

    @Override
    protected void removeField(Response response, String name) {
        response.getHttpFields().remove(name);
    }

    @Override
    protected void addField(Response response, String name, String value) {
        response.getHttpFields().add(name, value);
    }
}
