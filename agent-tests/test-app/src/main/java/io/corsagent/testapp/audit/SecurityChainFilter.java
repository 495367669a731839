package io.corsagent.testapp.audit;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

/**
 * One filter in the container's chain that runs an inner chain of its own filters, then the container's chain: the
 * shape of Spring Security's {@code FilterChainProxy}. Its inner chain holds {@link InnerAuthFilter}.
 */
public class SecurityChainFilter implements Filter {

    private final List<Filter> inner = Arrays.<Filter>asList(new InnerAuthFilter());

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        new InnerChain(inner, chain).doFilter(req, res);
    }

    @Override
    public void destroy() {
    }

    /** The inner chain: each inner filter in turn, then the container's chain. */
    static final class InnerChain implements FilterChain {
        private final List<Filter> filters;
        private final FilterChain outer;
        private int next;

        InnerChain(List<Filter> filters, FilterChain outer) {
            this.filters = filters;
            this.outer = outer;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res) throws IOException, ServletException {
            if (next < filters.size()) {
                filters.get(next++).doFilter(req, res, this);
            } else {
                outer.doFilter(req, res);
            }
        }
    }
}
