package io.corsagent.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The parts of a {@code web.xml} or {@code web-fragment.xml} that say which filters run where: filters with their
 * init-params, filter mappings in order, servlets and their mappings, context-params. Any namespace (J2EE, Java EE,
 * Jakarta EE) and the old DTD form; external entities and DTDs are never loaded.
 */
final class WebXml {

    /** A declared filter. */
    static final class Filter {
        final String name;
        final String className;
        final Map<String, String> params;

        Filter(String name, String className, Map<String, String> params) {
            this.name = name;
            this.className = className;
            this.params = params;
        }
    }

    /** One {@code <filter-mapping>}: its URL patterns and servlet names, in declaration order. */
    static final class FilterMapping {
        final String filterName;
        final List<String> urlPatterns;
        final List<String> servletNames;

        FilterMapping(String filterName, List<String> urlPatterns, List<String> servletNames) {
            this.filterName = filterName;
            this.urlPatterns = urlPatterns;
            this.servletNames = servletNames;
        }
    }

    /** A declared servlet. */
    static final class Servlet {
        final String name;
        final String className;
        final Map<String, String> params;

        Servlet(String name, String className, Map<String, String> params) {
            this.name = name;
            this.className = className;
            this.params = params;
        }
    }

    final String source;
    final Map<String, Filter> filters = new LinkedHashMap<>();
    final List<FilterMapping> filterMappings = new ArrayList<>();
    final Map<String, Servlet> servlets = new LinkedHashMap<>();
    final Map<String, List<String>> servletMappings = new LinkedHashMap<>();
    final Map<String, String> contextParams = new LinkedHashMap<>();

    private WebXml(String source) {
        this.source = source;
    }

    static WebXml parse(String source, byte[] content) throws IOException {
        Element root = XmlFiles.parse(source, content).getDocumentElement();
        WebXml xml = new WebXml(source);
        for (Element filter : children(root, "filter")) {
            String name = text(filter, "filter-name");
            xml.filters.put(name, new Filter(name, text(filter, "filter-class"), params(filter, "init-param")));
        }
        for (Element mapping : children(root, "filter-mapping")) {
            xml.filterMappings.add(new FilterMapping(text(mapping, "filter-name"), texts(mapping, "url-pattern"),
                    texts(mapping, "servlet-name")));
        }
        for (Element servlet : children(root, "servlet")) {
            String name = text(servlet, "servlet-name");
            xml.servlets.put(name, new Servlet(name, text(servlet, "servlet-class"), params(servlet, "init-param")));
        }
        for (Element mapping : children(root, "servlet-mapping")) {
            xml.servletMappings.computeIfAbsent(text(mapping, "servlet-name"), n -> new ArrayList<>())
                    .addAll(texts(mapping, "url-pattern"));
        }
        xml.contextParams.putAll(params(root, "context-param"));
        return xml;
    }

    private static Map<String, String> params(Element parent, String element) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Element param : children(parent, element)) {
            params.put(text(param, "param-name"), text(param, "param-value"));
        }
        return params;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element && localName.equals(localName(node))) {
                found.add((Element) node);
            }
        }
        return found;
    }

    static String localName(Node node) {
        String name = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static List<String> texts(Element parent, String localName) {
        List<String> texts = new ArrayList<>();
        for (Element element : children(parent, localName)) {
            texts.add(element.getTextContent().trim());
        }
        return texts;
    }

    /** Safe XML parsing for descriptors: namespace-aware, no DTD or external entity is ever fetched. */
    static final class XmlFiles {

        private XmlFiles() {
        }

        static Document parse(String source, byte[] content) throws IOException {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                factory.setExpandEntityReferences(false);
                DocumentBuilder builder = factory.newDocumentBuilder();
                builder.setErrorHandler(null);
                return builder.parse(new ByteArrayInputStream(content), source);
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            } catch (SAXException e) {
                throw new IOException(source + ": not well-formed XML: " + e.getMessage(), e);
            }
        }
    }
}
