package io.corsagent.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.corsagent.policy.LoadResult;
import io.corsagent.policy.PolicyKeys;
import io.corsagent.policy.PolicyLoader;

/**
 * {@code import}: finds the CORS filters a web application declares (Tomcat's {@code CorsFilter}, Jetty's
 * {@code CrossOriginFilter}, the {@code CORSFilter} of {@code com.thetransactioncompany}, Spring's
 * {@code <mvc:cors>}) and writes one policy with a rule per mapped path, plus warnings wherever the translation is
 * not exact.
 */
public final class PolicyImporter {

    private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";
    private static final String SPRING_MVC_NAMESPACE = "http://www.springframework.org/schema/mvc";

    private final WebApp webApp;
    private final String contextPath;
    private final List<String> warnings = new ArrayList<>();
    private final List<ImportedRule> rules = new ArrayList<>();

    /**
     * @param contextPath the path the app is deployed under ({@code ""} for the root), or {@code null} to take the
     *                    WAR's or folder's name
     */
    public PolicyImporter(Path source, String contextPath) throws IOException {
        this.webApp = WebApp.open(source);
        String fallback = webApp.defaultContextPath();
        if (contextPath == null && fallback == null) {
            warnings.add("the context path is unknown (a web.xml outside a webapp folder): the paths assume the"
                    + " root context; give --context-path otherwise");
        }
        this.contextPath = contextPath != null ? trimSlash(contextPath) : fallback == null ? "" : fallback;
    }

    private static String trimSlash(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    /** The warnings of the import, one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /** How many CORS filter declarations were found. */
    public int filtersFound() {
        return rules.size();
    }

    /** Reads the descriptors and writes the policy; it passes {@code check}. */
    public String importPolicy() throws IOException {
        List<WebXml> descriptors = webApp.descriptors();
        if (descriptors.isEmpty()) {
            throw new IOException("no WEB-INF/web.xml and no web fragment found");
        }
        WebXml main = descriptors.get(0);
        for (WebXml descriptor : descriptors) {
            filters(descriptor, main);
        }
        spring(main);
        return write();
    }

    private void filters(WebXml descriptor, WebXml main) throws IOException {
        List<String> authAhead = new ArrayList<>();
        for (WebXml.FilterMapping mapping : descriptor.filterMappings) {
            WebXml.Filter filter = descriptor.filters.get(mapping.filterName);
            if (filter == null) {
                filter = main.filters.get(mapping.filterName);
            }
            if (filter == null || filter.className == null) {
                continue;
            }
            String kind = kind(filter.className);
            if (kind == null) {
                if (looksLikeAuth(filter)) {
                    authAhead.add(filter.name);
                }
                continue;
            }
            ImportedRule rule = new ImportedRule(kind + " '" + filter.name + "' (" + descriptor.source + ")");
            switch (kind) {
                case "Tomcat's CorsFilter":
                    CorsFilterTranslations.tomcat(rule, filter.params, warnings);
                    break;
                case "Jetty's CrossOriginFilter":
                    CorsFilterTranslations.jetty(rule, filter.params, warnings);
                    break;
                default:
                    CorsFilterTranslations.transactionCompany(rule, filter.params,
                            transactionCompanyFile(rule, filter.params), warnings);
            }
            List<String> patterns = new ArrayList<>(mapping.urlPatterns);
            for (String servlet : mapping.servletNames) {
                List<String> servletPatterns = main.servletMappings.get(servlet);
                if (servlet.equals("*")) {
                    patterns.add("/*");
                } else if (servletPatterns != null) {
                    patterns.addAll(servletPatterns);
                }
            }
            for (String pattern : patterns) {
                rule.globs.add(glob(pattern));
            }
            if (!authAhead.isEmpty()) {
                warnings.add(rule.source + " is mapped after " + String.join(", ", authAhead) + ", which looks like"
                        + " authentication: preflights (sent without credentials) were refused there before the CORS"
                        + " filter ran. The agent answers them ahead of every filter, as the CORS filter meant");
            }
            rules.add(rule);
        }
    }

    private static String kind(String className) {
        if (className.equals(CorsFilterTranslations.TOMCAT)) {
            return "Tomcat's CorsFilter";
        }
        if (CorsFilterTranslations.isJetty(className)) {
            return "Jetty's CrossOriginFilter";
        }
        if (className.equals(CorsFilterTranslations.TRANSACTION_COMPANY)) {
            return "com.thetransactioncompany CORSFilter";
        }
        return null;
    }

    /** Authentication filters by name: Spring Security's proxy, Shiro, Keycloak, and filters named for it. */
    private static boolean looksLikeAuth(WebXml.Filter filter) {
        String both = (filter.name + " " + filter.className).toLowerCase(Locale.ROOT);
        return filter.name.equals("springSecurityFilterChain") || both.contains("shiro") || both.contains("keycloak")
                || both.contains("auth") || both.contains("login") || both.contains("security");
    }

    private Properties transactionCompanyFile(ImportedRule rule, Map<String, String> params) throws IOException {
        String name = params.get("cors.configurationFile");
        if (name == null) {
            return null;
        }
        // Where the filter looks: the webapp's own files, then its class path.
        byte[] content = webApp.file(name.trim());
        if (content == null) {
            content = webApp.classPathResource(name.trim());
        }
        if (content == null) {
            warnings.add(rule.source + ": its cors.configurationFile " + name.trim() + " is not in the webapp"
                    + " (its folder, WEB-INF/classes, WEB-INF/lib); the filter's defaults were used instead");
            return new Properties();
        }
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(content));
        return properties;
    }

    /** Spring's {@code <mvc:cors>}, in the XML configuration of each DispatcherServlet and of the root context. */
    private void spring(WebXml main) throws IOException {
        for (WebXml.Servlet servlet : main.servlets.values()) {
            if (!DISPATCHER_SERVLET.equals(servlet.className)) {
                continue;
            }
            String locations = servlet.params.get("contextConfigLocation");
            String prefix = servletPrefix(main.servletMappings.get(servlet.name), servlet.name);
            if (prefix == null) {
                continue;
            }
            for (String location : locations == null ? Collections.singletonList("/WEB-INF/" + servlet.name
                    + "-servlet.xml") : ImportedRule.list(locations)) {
                springXml(location, prefix);
            }
        }
        String root = main.contextParams.get("contextConfigLocation");
        for (String location : ImportedRule.list(root)) {
            springXml(location, "");
        }
    }

    /** The path a DispatcherServlet's handler paths are relative to, or {@code null} (a warning) when none fits. */
    private String servletPrefix(List<String> patterns, String servlet) {
        if (patterns == null || patterns.isEmpty()) {
            return "";
        }
        String pattern = patterns.get(0);
        if (pattern.equals("/") || pattern.equals("/*")) {
            return "";
        }
        if (pattern.startsWith("/") && pattern.endsWith("/*")) {
            return pattern.substring(0, pattern.length() - 2);
        }
        warnings.add("Spring servlet '" + servlet + "' is mapped to " + pattern + "; its <mvc:cors> paths cannot be"
                + " placed under it and were left out");
        return null;
    }

    private void springXml(String location, String prefix) throws IOException {
        if (location.contains("*")) {
            warnings.add("Spring configuration " + location + ": patterns are not followed; give the files by name");
            return;
        }
        byte[] content = location.startsWith("classpath:")
                ? webApp.classPathResource(location.substring("classpath:".length()))
                : webApp.file(location);
        if (content == null) {
            return;
        }
        String source = webApp.describe(location.startsWith("/") ? location.substring(1) : location);
        Element root = WebXml.XmlFiles.parse(source, content).getDocumentElement();
        NodeList cors = root.getElementsByTagNameNS(SPRING_MVC_NAMESPACE, "cors");
        for (int i = 0; i < cors.getLength(); i++) {
            for (Element mapping : WebXml.children((Element) cors.item(i), "mapping")) {
                Map<String, String> attributes = attributes(mapping);
                String path = attributes.get("path");
                ImportedRule rule = new ImportedRule("Spring <mvc:cors> mapping " + path + " (" + source + ")");
                CorsFilterTranslations.springMapping(rule, attributes, warnings);
                rule.globs.add(contextPath + prefix + (path == null || path.isEmpty() ? "/**" : path));
                rules.add(rule);
            }
        }
    }

    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Node attribute = all.item(i);
            attributes.put(WebXml.localName(attribute), attribute.getNodeValue());
        }
        return attributes;
    }

    /** A servlet URL pattern as the agent's glob over the served path, context path included. */
    private String glob(String pattern) {
        if (pattern.equals("/*") || pattern.equals("/")) {
            return contextPath + "/**";
        }
        if (pattern.isEmpty()) {
            return contextPath.isEmpty() ? "/" : contextPath;
        }
        if (pattern.startsWith("*.")) {
            return contextPath + "/**/" + pattern;
        }
        if (pattern.endsWith("/*")) {
            return contextPath + pattern.substring(0, pattern.length() - 2) + "/**";
        }
        return contextPath + pattern;
    }

    private String write() {
        StringBuilder header = new StringBuilder();
        header.append("# cors-agent policy imported from the CORS filters of ").append(webApp.describe(""))
                .append("\n# context path: ").append(contextPath.isEmpty() ? "/ (root)" : contextPath)
                .append(". Decide every WARNING below, check the file and run it in audit mode first.\n");
        StringBuilder body = new StringBuilder();
        Map<String, ImportedRule> byGlob = new LinkedHashMap<>();
        for (ImportedRule rule : rules) {
            for (String glob : rule.globs) {
                ImportedRule first = byGlob.get(glob);
                if (first == null) {
                    byGlob.put(glob, rule);
                } else if (first != rule) {
                    warnings.add(rule.source + " is also mapped to " + glob + ", where " + first.source
                            + " runs first and decides; its settings there were left out");
                }
            }
        }
        ImportedRule topLevel = byGlob.remove("/**");
        if (topLevel == null) {
            body.append("# top-level: no CORS filter covers every path; the agent gives CORS requests elsewhere no"
                    + " CORS headers, as before\n");
        } else {
            body.append("# from ").append(topLevel.source).append(", mapped to every path\n");
            keys(body, "", topLevel);
        }
        for (Map.Entry<String, ImportedRule> path : byGlob.entrySet()) {
            StringBuilder rule = new StringBuilder();
            rule.append("\n# from ").append(path.getValue().source).append('\n');
            keys(rule, PolicyKeys.PATH_PREFIX + path.getKey() + ".", path.getValue());
            LoadResult check = PolicyLoader.parse("imported.properties", body.toString() + rule);
            if (check.isValid()) {
                body.append(rule);
            } else {
                warnings.add(path.getValue().source + ": its rule for " + path.getKey() + " does not pass check ("
                        + check.errors().get(0).message() + "); left out");
            }
        }
        for (String warning : warnings) {
            header.append("# WARNING: ").append(warning).append('\n');
        }
        if (rules.isEmpty()) {
            header.append("# no CORS filter found\n");
        }
        String policy = header.append('\n').append(body).toString();
        LoadResult check = PolicyLoader.parse("imported.properties", policy);
        if (!check.isValid()) {
            throw new IllegalStateException("imported policy fails check: " + check.errors() + "\n" + policy);
        }
        return policy;
    }

    private static void keys(StringBuilder policy, String prefix, ImportedRule rule) {
        if (rule.anyOrigin) {
            policy.append(prefix).append(PolicyKeys.ALLOWED_ORIGINS).append(" = *\n");
        } else if (!rule.origins.isEmpty()) {
            policy.append(prefix).append(PolicyKeys.ALLOWED_ORIGINS).append(" = ")
                    .append(String.join(", ", rule.origins)).append('\n');
        } else {
            policy.append("# the filter allowed no origin\n");
            if (!prefix.isEmpty()) {
                // Empty, not left out: a path rule inherits the top-level origins otherwise.
                policy.append(prefix).append(PolicyKeys.ALLOWED_ORIGINS).append(" =\n");
            }
        }
        if (!rule.methods.isEmpty()) {
            policy.append(prefix).append(PolicyKeys.ALLOWED_METHODS).append(" = ")
                    .append(String.join(", ", rule.methods)).append('\n');
        }
        if (rule.anyHeader || !rule.headers.isEmpty()) {
            List<String> headers = new ArrayList<>(rule.headers);
            if (rule.anyHeader) {
                headers.add(0, "*");
            }
            policy.append(prefix).append(PolicyKeys.ALLOWED_HEADERS).append(" = ").append(String.join(", ", headers))
                    .append('\n');
        }
        if (!rule.exposed.isEmpty()) {
            policy.append(prefix).append(PolicyKeys.EXPOSED_HEADERS).append(" = ")
                    .append(String.join(", ", rule.exposed)).append('\n');
        }
        policy.append(prefix).append(PolicyKeys.ALLOW_CREDENTIALS).append(" = ").append(rule.credentials).append('\n');
        policy.append(prefix).append(PolicyKeys.MAX_AGE).append(" = ").append(rule.maxAge).append('\n');
        policy.append(prefix).append(PolicyKeys.REJECT_DISALLOWED).append(" = ").append(rule.rejectDisallowed)
                .append('\n');
    }
}
