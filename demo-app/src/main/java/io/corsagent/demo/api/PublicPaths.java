package io.corsagent.demo.api;

/** The API paths anyone may call without logging in (paths inside the /api context). */
final class PublicPaths {

    static final String STATUS = "/status";
    static final String PRODUCTS = "/products";

    private PublicPaths() {
    }

    static boolean isPublic(String path) {
        return STATUS.equals(path) || PRODUCTS.equals(path);
    }
}
