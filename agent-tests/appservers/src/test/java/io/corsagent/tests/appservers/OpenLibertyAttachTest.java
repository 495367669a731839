package io.corsagent.tests.appservers;

class OpenLibertyAttachTest extends AttachToAppServer {
    OpenLibertyAttachTest() {
        super(new OpenLiberty());
    }
}
