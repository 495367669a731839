package io.corsagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The third-party components cors-agent.jar carries, read from the CycloneDX SBOM the build puts in it
 * ({@value #RESOURCE}; agent/dist's pom), so that {@code --version} and the SBOM can never disagree.
 */
final class Sbom {

    static final String RESOURCE = "META-INF/sbom/cors-agent.cdx.xml";
    private static final String OWN_GROUP = "io.corsagent";

    private Sbom() {
    }

    /**
     * {@code group:name version} of every component of the SBOM that is not cors-agent's own, sorted; empty when
     * the SBOM is not on the class path (the core run outside cors-agent.jar, as in its unit tests).
     *
     * @throws IllegalStateException if the SBOM is there but cannot be read: the jar is damaged
     */
    static List<String> thirdPartyComponents(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Collections.emptyList();
            }
            return thirdPartyComponents(parse(in));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e, e);
        }
    }

    private static Document parse(InputStream in) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // The default handler prints "[Fatal Error] ..." on stderr before throwing; the caller reports the error.
        builder.setErrorHandler(new DefaultHandler());
        return builder.parse(in);
    }

    /** The {@code component}s directly under the document's top-level {@code components} (not the tools'). */
    private static List<String> thirdPartyComponents(Document bom) {
        List<String> components = new ArrayList<>();
        Element list = child(bom.getDocumentElement(), "components");
        if (list == null) {
            return components;
        }
        for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && "component".equals(node.getLocalName())) {
                Element component = (Element) node;
                String group = text(component, "group");
                if (!OWN_GROUP.equals(group)) {
                    components.add(group + ":" + text(component, "name") + " " + text(component, "version"));
                }
            }
        }
        Collections.sort(components);
        return components;
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && localName.equals(node.getLocalName())) {
                return (Element) node;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? "" : child.getTextContent().trim();
    }
}
