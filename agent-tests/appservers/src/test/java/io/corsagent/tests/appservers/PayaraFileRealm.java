package io.corsagent.tests.appservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user of both WARs in Payara's file realm, created at boot by a post-boot command file (Payara Micro's
 * {@code --postbootcommandfile}, Payara Server's {@code asadmin start-domain --postbootcommandfile}) running
 * {@code create-file-user}: its groups are the roles the WARs require, which Payara maps to roles of the same name.
 */
final class PayaraFileRealm {

    private PayaraFileRealm() {
    }

    /** Writes the post-boot command file, and the password file it names, into the directory. */
    static Path postBootCommandFile(Path directory) {
        try {
            Path password = Files.writeString(directory.resolve("password.txt"),
                    "AS_ADMIN_USERPASSWORD=" + Deployments.PASSWORD + "\n");
            return Files.writeString(directory.resolve("post-boot.txt"), "create-file-user --groups "
                    + Deployments.JOLOKIA_ROLE + ":" + Deployments.APP_ROLE + " --passwordfile " + password + " "
                    + Deployments.USER + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
