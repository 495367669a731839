package io.corsagent.testapp.audit;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Form-login style auth: a request without credentials is redirected (302) to the login page. */
public class LoginRedirectFilter implements Filter {

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getHeader("Authorization") == null) {
            ((HttpServletResponse) res).sendRedirect(request.getContextPath() + AuditApp.LOGIN_PAGE);
            return;
        }
        chain.doFilter(req, res);
    }

    @Override
    public void destroy() {
    }
}
